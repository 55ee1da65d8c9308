export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'invitation.sent',
  'invitation.accepted',
  'user.role_changed',
  'user.status_changed',
  'reflection.viewed',
  'contacts.viewed',
  'roster.imported',
  'task.excused',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
