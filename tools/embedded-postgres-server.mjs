#!/usr/bin/env node
// Runs the embedded PostgreSQL as its own process. `npm start` launches it in a
// process group of its own, so a Ctrl-C in the terminal reaches the API and the
// worker first; the launcher stops this process (and PostgreSQL) only after they
// have finished. Prints one line, the connection URL, once the server is ready.
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const { url } = await startEmbeddedPostgres({
  dataDir: process.env.EMBEDDED_PG_DIR,
  port: Number(process.env.EMBEDDED_PG_PORT),
  database: process.env.EMBEDDED_PG_DATABASE ?? 'fieldwork',
});
process.stdout.write(`${JSON.stringify({ url })}\n`);
// embedded-postgres stops the server itself when this process gets SIGTERM or SIGINT.
setInterval(() => undefined, 1 << 30);
