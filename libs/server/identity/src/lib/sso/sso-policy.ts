import { EntityManager } from 'typeorm';
import { SSO_ONLY_MESSAGE, type Role } from '@fieldwork/contracts';
import { studentsSsoOnly } from './sso.queries';

/**
 * Enforcement per role: when a career center signs students in through its campus IdP only, a student's
 * password sign-in is refused with a pointer to the SSO button (asked only after the password was right,
 * so it reveals nothing about accounts). Staff may use either (plus MFA).
 */
export async function passwordSignInRefusal(db: EntityManager, tenantId: string, role: Role): Promise<string | null> {
  if (role !== 'student') return null;
  return (await studentsSsoOnly(db, tenantId)) ? SSO_ONLY_MESSAGE : null;
}
