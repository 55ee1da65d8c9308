import { EntityManager } from 'typeorm';
import { CURRICULUM } from '@fieldwork/server-core';
import { insertTemplateLibrary } from './templates.queries';

/** Gives a new career center the curriculum: one statement, in the caller's tenant transaction. */
export function seedTemplateLibrary(db: EntityManager, tenantId: string): Promise<number> {
  return insertTemplateLibrary(db, tenantId, CURRICULUM);
}
