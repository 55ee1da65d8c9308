import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // Integration tests talk to real PostgreSQL, Redis and BullMQ workers.
  testTimeout: 30_000,
});