// A SAML 2.0 identity provider for the tests, built with samlify: a real login page (GET /sso, the
// HTTP-Redirect binding), real signed responses (POST /login answers an auto-submitting form to the
// SP's ACS, the HTTP-POST binding), and its metadata (GET /metadata). Started as a child process by
// the API tests and the browser tests; prints `{"url": …}` on stdout once it listens.
//
// Test knobs (hidden or visible form fields of /login): `mode` = normal | unsigned | wrong-audience | expired,
// `studentId` = an extra attribute. Nothing here is product code.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import samlifyModule from 'samlify';
import validatorModule from '@authenio/samlify-node-xmllint';

// samlify and its validator are CommonJS: their named exports come through the default import.
const samlify = samlifyModule;
const validator = validatorModule;

const here = dirname(fileURLToPath(import.meta.url));
const privateKey = readFileSync(join(here, 'saml-idp.key.pem'), 'utf8');
const signingCert = readFileSync(join(here, 'saml-idp.cert.pem'), 'utf8');
samlify.setSchemaValidator(validator);

const ATTR_EMAIL = 'urn:oid:0.9.2342.19200300.100.1.3';
const ATTR_EPPN = 'urn:oid:1.3.6.1.4.1.5923.1.1.1.6';
const ATTR_NAME = 'urn:oid:2.16.840.1.113730.3.1.241';

const server = createServer((req, res) => handle(req, res).catch((error) => {
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end(String(error?.stack ?? error));
}));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  idp = samlify.IdentityProvider({
    entityID: `${url}/metadata`,
    privateKey,
    signingCert,
    isAssertionEncrypted: false,
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${url}/sso` }],
  });
  base = url;
  process.stdout.write(`${JSON.stringify({ url, metadataUrl: `${url}/metadata` })}\n`);
});

let idp;
let base;

async function handle(req, res) {
  const url = new URL(req.url, base);
  if (req.method === 'GET' && url.pathname === '/metadata') {
    res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' });
    return res.end(idp.getMetadata());
  }
  if (req.method === 'GET' && url.pathname === '/sso') {
    const request = url.searchParams.get('SAMLRequest') ?? '';
    const relayState = url.searchParams.get('RelayState') ?? '';
    parseRequest(request); // refuse garbage before showing the form
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(`<!doctype html><html lang="en"><head><title>Example University sign-in</title></head><body>
<main><h1>Example University</h1><p>Sign in with your campus account</p>
<form method="post" action="/login">
  <input type="hidden" name="SAMLRequest" value="${escape(request)}">
  <input type="hidden" name="RelayState" value="${escape(relayState)}">
  <input type="hidden" name="mode" value="normal">
  <label>Campus e-mail <input name="email" type="email" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <label>Student id (optional) <input name="studentId"></label>
  <button type="submit">Sign in</button>
</form></main></body></html>`);
  }
  if (req.method === 'POST' && url.pathname === '/login') {
    const form = new URLSearchParams(await body(req));
    const request = parseRequest(form.get('SAMLRequest') ?? '');
    const email = (form.get('email') ?? '').trim();
    const samlResponse = await loginResponse(request, { email, studentId: form.get('studentId') ?? '' }, form.get('mode') ?? 'normal');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(`<!doctype html><html lang="en"><head><title>Signing you in…</title></head><body>
<form method="post" action="${escape(request.acs)}">
  <input type="hidden" name="SAMLResponse" value="${escape(samlResponse)}">
  <input type="hidden" name="RelayState" value="${escape(form.get('RelayState') ?? '')}">
  <noscript><button type="submit">Continue</button></noscript>
</form><script>document.forms[0].submit()</script></body></html>`);
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

/** The AuthnRequest of the HTTP-Redirect binding: deflated, base64. */
function parseRequest(encoded) {
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  const acs = /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1];
  const issuer = /<(?:saml2?:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1];
  if (!id || !acs || !issuer) throw new Error('Not an AuthnRequest');
  return { id, acs: unescape(acs), issuer: unescape(issuer) };
}

async function loginResponse(request, person, mode) {
  const sp = samlify.ServiceProvider({
    entityID: request.issuer,
    wantAssertionsSigned: mode !== 'unsigned',
    wantMessageSigned: false,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: request.acs }],
  });
  const now = new Date();
  const inFiveMinutes = new Date(now.getTime() + 5 * 60_000);
  const expired = mode === 'expired';
  const issued = expired ? new Date(now.getTime() - 60 * 60_000) : now;
  const notOnOrAfter = expired ? new Date(now.getTime() - 30 * 60_000) : inFiveMinutes;
  const attributes = [
    [ATTR_EMAIL, person.email],
    [ATTR_EPPN, person.email],
    [ATTR_NAME, person.email.split('@')[0]],
    ...(person.studentId ? [['studentId', person.studentId]] : []),
  ]
    .map(([name, value]) => `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${escape(value)}</saml:AttributeValue></saml:Attribute>`)
    .join('');
  const values = {
    ID: `_${randomUUID()}`,
    AssertionID: `_${randomUUID()}`,
    Destination: request.acs,
    Audience: mode === 'wrong-audience' ? 'https://another-service.example/metadata' : request.issuer,
    SubjectRecipient: request.acs,
    Issuer: `${base}/metadata`,
    IssueInstant: issued.toISOString(),
    StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
    ConditionsNotBefore: issued.toISOString(),
    ConditionsNotOnOrAfter: notOnOrAfter.toISOString(),
    SubjectConfirmationDataNotOnOrAfter: notOnOrAfter.toISOString(),
    NameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    NameID: person.email,
    InResponseTo: request.id,
    AuthnStatement: `__AUTHN__`,
    AttributeStatement: '__ATTRIBUTES__',
  };
  const render = (template) =>
    samlify.SamlLib.replaceTagsByValue(template, values)
      .replace('__AUTHN__', `<saml:AuthnStatement AuthnInstant="${issued.toISOString()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`)
      .replace('__ATTRIBUTES__', `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>`);
  if (mode === 'unsigned') {
    return Buffer.from(render(samlify.SamlLib.defaultLoginResponseTemplate.context)).toString('base64');
  }
  const { context } = await idp.createLoginResponse(sp, { extract: { request: { id: request.id } } }, 'post', { email: person.email }, (template) => ({
    id: values.ID,
    context: render(template),
  }));
  return context;
}

function body(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function escape(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescape(value) {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
