export * from './lib/network.module';
