// An OpenID Provider for the tests, built with oidc-provider (ESM-only, hence a child process): discovery,
// a real login page (its development interactions: a form the browser submits), authorization code with
// PKCE, signed ID tokens. Clients are added at run time: POST /__clients {client_id, client_secret, redirect_uris}.
// Prints `{"url": …}` on stdout once it listens. The account id is what the person types as login; the ID
// token says sub = <login> (oidc-provider uses the account id), email = <login> (verified). Nothing here is product code.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const store = new Map();
const clients = new Map();

class MemoryAdapter {
  constructor(model) {
    this.model = model;
  }
  key(id) {
    return `${this.model}:${id}`;
  }
  async upsert(id, payload) {
    store.set(this.key(id), payload);
    if (payload.uid) store.set(`uid:${payload.uid}`, id);
    if (payload.grantId) store.set(`grant:${payload.grantId}:${this.key(id)}`, true);
  }
  async find(id) {
    if (this.model === 'Client') return clients.get(id);
    return store.get(this.key(id));
  }
  async findByUid(uid) {
    const id = store.get(`uid:${uid}`);
    return id ? this.find(id) : undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id) {
    const payload = store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const key of [...store.keys()]) {
      if (key.startsWith(`grant:${grantId}:`)) {
        store.delete(key.slice(`grant:${grantId}:`.length));
        store.delete(key);
      }
    }
  }
}

const server = createServer();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    adapter: MemoryAdapter,
    cookies: { keys: ['fieldwork-test-idp-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id.toLowerCase(), email_verified: true, name: id.split('@')[0] };
        },
      };
    },
    // No consent screen: the grant is made on the spot (the campus IdP already knows the app).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error ${error.stack}\n`));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === '/__clients') {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const client = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        clients.set(client.client_id, {
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          ...client,
        });
        res.writeHead(204);
        res.end();
      });
      return;
    }
    callback(req, res);
  });
  process.stdout.write(`${JSON.stringify({ url: issuer })}\n`);
});
