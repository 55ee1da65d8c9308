import { EntityManager } from 'typeorm';
import { SSO_ONLY_MESSAGE, type Role } from '@fieldwork/contracts';

/**
 * Enforcement per role: when a career center signs students in through its campus IdP only, a student's
 * password sign-in is refused with a pointer to the SSO button (asked only after the password was right,
 * so it reveals nothing about accounts). Staff may use either (plus MFA).
 */
export async function passwordSignInRefusal(db: EntityManager, tenantId: string, role: Role): Promise<string | null> {
  if (role !== 'student') return null;
  const [row] = await db.query(`SELECT 1 FROM tenant_sso WHERE tenant_id = $1 AND enabled AND students_sso_only`, [tenantId]);
  return row ? SSO_ONLY_MESSAGE : null;
}
