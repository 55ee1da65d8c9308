import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A test identity provider running as a child process (SAML: samlify; OIDC: oidc-provider), over real HTTP. */
export interface IdpProcess {
  url: string;
  stop(): Promise<void>;
}

export function startSamlIdp(): Promise<IdpProcess> {
  return start('saml-idp.mjs');
}

export function startOidcIdp(): Promise<IdpProcess> {
  return start('oidc-idp.mjs');
}

/** Registers an OIDC client at the test OpenID provider. */
export async function addOidcClient(idp: IdpProcess, client: { client_id: string; client_secret: string; redirect_uris: string[] }): Promise<void> {
  const response = await fetch(`${idp.url}/__clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(client) });
  if (response.status !== 204) throw new Error(`client registration: ${response.status}`);
}

function start(script: string): Promise<IdpProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, script)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0' } });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = `${errors}${chunk.toString('utf8')}`.slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${errors}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}): ${errors}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
