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
  'cohort.archived',
  'cohort.member_removed',
  'cohort.member_added',
  'template.created',
  'template.changed',
  'assignment.created',
  'assignment.changed',
  'contact.deleted',
  'export.requested',
  'export.downloaded',
  'reflections.exported',
  'nudge.sent',
  'task.extended',
  'tasks.excused',
  'tenant.timezone_changed',
  'data_export.requested',
  'data_export.downloaded',
  'deletion.requested',
  'deletion.cancelled',
  'deletion.approved',
  'user.erased',
  'contact.erased',
  'retention.applied',
  'tenant.retention_changed',
  'auth.sso_unknown_person',
  'auth.sso_linked',
  'tenant.sso_changed',
  // ↑ sso audit actions (issue 10): add yours above this line
  'auth.password_reset_requested',
  'auth.password_reset_sent',
  'auth.password_reset',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.reset',
  'tenant.mfa_policy_changed',
  // ↑ passwords-mfa audit actions (issue 10): add yours above this line
  'api_token.created',
  'api_token.revoked',
  // ↑ roster-sync audit actions (issue 10): add yours above this line
  // ↑ scale audit actions (issue 12): add yours above this line
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Human-readable names of the audit actions, for the audit log screen. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'invitation.sent': 'Invitation sent',
  'invitation.accepted': 'Invitation accepted',
  'user.role_changed': 'Role changed',
  'user.status_changed': 'Account activated or deactivated',
  'reflection.viewed': 'Viewed a student’s reflection',
  'contacts.viewed': 'Viewed a student’s contacts',
  'roster.imported': 'Roster imported',
  'task.excused': 'Task excused',
  'cohort.archived': 'Cohort archived',
  'cohort.member_removed': 'Removed from a cohort',
  'cohort.member_added': 'Added to a cohort',
  'template.created': 'Template created',
  'template.changed': 'Template changed',
  'assignment.created': 'Homework assigned',
  'assignment.changed': 'Assignment changed',
  'contact.deleted': 'Contact deleted',
  'export.requested': 'Export requested',
  'export.downloaded': 'Export downloaded',
  'reflections.exported': 'Reflections exported',
  'nudge.sent': 'Students nudged',
  'task.extended': 'Due date extended',
  'tasks.excused': 'Tasks excused',
  'tenant.timezone_changed': 'Time zone changed',
  'data_export.requested': 'Requested a copy of their data',
  'data_export.downloaded': 'Downloaded a copy of their data',
  'deletion.requested': 'Account deletion requested',
  'deletion.cancelled': 'Account deletion request cancelled',
  'deletion.approved': 'Account deletion approved',
  'user.erased': 'Account erased',
  'contact.erased': 'Contact erased',
  'retention.applied': 'Retention policy applied',
  'tenant.retention_changed': 'Retention periods changed',
  'auth.sso_unknown_person': 'Campus sign-in by someone not in the roster',
  'auth.sso_linked': 'Campus account linked',
  'tenant.sso_changed': 'Campus sign-in settings changed',
  // ↑ sso audit labels (issue 10): add yours above this line
  'auth.password_reset_requested': 'Asked for a password reset',
  'auth.password_reset_sent': 'Password reset sent by an administrator',
  'auth.password_reset': 'Password reset',
  'mfa.enabled': 'Two-step sign-in turned on',
  'mfa.disabled': 'Two-step sign-in turned off',
  'mfa.reset': 'Two-step sign-in reset by an administrator',
  'tenant.mfa_policy_changed': 'Two-step sign-in rule changed',
  // ↑ passwords-mfa audit labels (issue 10): add yours above this line
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  // ↑ roster-sync audit labels (issue 10): add yours above this line
  // ↑ scale audit labels (issue 12): add yours above this line
};

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** One entry of the audit log (admins only). */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: AuditAction;
  actor: { id: string; name: string; email: string } | null;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditEventPage {
  items: AuditEvent[];
  nextCursor: string | null;
}
