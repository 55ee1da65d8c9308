import type { Role } from './roles';

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** false while the user has not accepted an invitation yet. */
  activated: boolean;
  createdAt: string;
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  active?: boolean;
}

export interface UserListQuery {
  role?: Role;
  q?: string;
  cursor?: string;
  limit?: number;
}
