import type { UserAuth } from '@fieldwork/server-core';
import type { ApiTokenAuth } from '../api-tokens/api-token-auth';

/**
 * Who runs a roster import: an admin on the web page, or an API token (the
 * registrar's nightly job). The audit names the actor (the person, or the
 * token); invitations to new students name a person (the token's creator).
 */
export interface RosterActor {
  tenantId: string;
  /** The audit event's actor: the admin's user id or the token's id. */
  actorId: string;
  userId: string | null;
  apiTokenId: string | null;
  /** Who the new students' invitations come from. */
  invitedBy: string;
}

export function rosterActor(principal: UserAuth | ApiTokenAuth): RosterActor {
  if (principal.kind === 'api-token') {
    return { tenantId: principal.tenantId, actorId: principal.tokenId, userId: null, apiTokenId: principal.tokenId, invitedBy: principal.createdBy };
  }
  return { tenantId: principal.tenantId, actorId: principal.userId, userId: principal.userId, apiTokenId: null, invitedBy: principal.userId };
}
