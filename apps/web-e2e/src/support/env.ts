/** Who the end-to-end tests sign in as; the orchestrator may override any of it. */
export const DEMO_TENANT = process.env['DEMO_TENANT'] || 'demo';
export const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] || 'fieldwork-demo';
export const OPERATOR_EMAIL = process.env['OPERATOR_EMAIL'] || 'operator@fieldwork.test';
export const OPERATOR_PASSWORD = process.env['OPERATOR_PASSWORD'] || DEMO_PASSWORD;

export type DemoRole = 'admin' | 'advisor' | 'student';

export interface DemoUser {
  email: string;
  roleLabel: string;
  article: 'a' | 'an';
  /** The main navigation this role sees. */
  nav: string[];
  /** A page of another role, which must send this user home. */
  forbidden: string;
}

export const DEMO_USERS: Record<DemoRole, DemoUser> = {
  admin: { email: 'admin@demo.test', roleLabel: 'Administrator', article: 'an', nav: ['Home', 'People'], forbidden: '/tenants' },
  advisor: { email: 'advisor@demo.test', roleLabel: 'Advisor', article: 'an', nav: ['Home'], forbidden: '/people' },
  student: { email: 'student@demo.test', roleLabel: 'Student', article: 'a', nav: ['Home'], forbidden: '/people' },
};

/** A password that passes the API's length and common-password checks. */
export const STRONG_PASSWORD = 'Networking-Walks-42!';
