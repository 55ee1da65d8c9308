export * from './lib/network.module';
export { toContact } from './lib/contacts.service';
export type { ContactRow } from './lib/contacts.queries';
