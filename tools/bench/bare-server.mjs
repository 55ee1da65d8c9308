// The baseline of `npm run bench:overhead`: a bare node:http + pg server that answers the
// same two reads as the API with the very statements the API sent (captured from it with
// LOG_SQL), as the same database role, in one transaction with the tenant set, after an
// HS256 check of the same access token (signature, expiry, issuer, audience), as named prepared
// statements like the API's (unless DB_PREPARED_STATEMENTS=false). No framework,
// no validation, no logging: what the API costs on top of its SQL is the difference.
//
// Started by tools/bench/overhead.mjs with BARE_DATABASE_URL, JWT_SECRET, PORT and
// BARE_STATEMENTS (a JSON file: { route: { text, values, tenantId, userId } }).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const statements = JSON.parse(readFileSync(process.env.BARE_STATEMENTS, 'utf8'));
const secret = Buffer.from(process.env.JWT_SECRET, 'utf8');
const prepared = process.env.DB_PREPARED_STATEMENTS !== 'false';
const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10, application_name: 'fieldwork-bare' });

/** The claims of a valid HS256 access token, or null. */
function verify(header) {
  if (!header?.startsWith('Bearer ')) return null;
  const [head, body, signature] = header.slice(7).split('.');
  if (!signature) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'HS256') return null;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  if (claims.exp * 1000 < Date.now() || claims.iss !== 'fieldwork' || claims.aud !== 'fieldwork-api') return null;
  return claims;
}

async function answer(route, claims) {
  const statement = statements[route];
  // The captured parameters, with the requester's tenant and id in place of the captured ones.
  const values = statement.values.map((v) => (v === statement.tenantId ? claims.tid : v === statement.userId ? claims.sub : v));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Named statements, planned once per connection, as the API runs them (DB_PREPARED_STATEMENTS).
    await client.query({ ...(prepared ? { name: 'bare_tenant' } : {}), text: 'SELECT set_config($1, $2, true)', values: ['app.tenant_id', claims.tid] });
    const { rows } = await client.query({ ...(prepared ? { name: `bare_${route}` } : {}), text: statement.text, values });
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const server = http.createServer(async (req, res) => {
  const route = req.url.split('?')[0];
  if (!statements[route]) {
    res.writeHead(404).end();
    return;
  }
  const claims = verify(req.headers.authorization);
  if (!claims) {
    res.writeHead(401).end();
    return;
  }
  try {
    const rows = await answer(route, claims);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: rows }));
  } catch (error) {
    res.writeHead(500).end(String(error?.message ?? error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
