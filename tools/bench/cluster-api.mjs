// The built API as `npm start` runs it with API_PROCESSES=N: N processes sharing one port
// through node:cluster (used by the benchmarks when API_PROCESSES is more than 1).
import cluster from 'node:cluster';
import { join } from 'node:path';
import { root } from './support.mjs';

const count = Number(process.env.API_PROCESSES ?? 1);
if (cluster.isPrimary) {
  cluster.setupPrimary({ exec: join(root, 'dist/apps/api/main.js'), args: [] });
  for (let i = 0; i < count; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length || process.exit(0));
  });
}
