export * from './lib/server-network.module';

