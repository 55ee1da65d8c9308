import type { UserSummary } from '@fieldwork/contracts';

/** A person for the People specs: `u<n>`, "Person <n>", an active student unless `extra` says otherwise. */
export function person(n: number, extra: Partial<UserSummary> = {}): UserSummary {
  return {
    id: `u${n}`,
    email: `person${n}@demo.test`,
    name: `Person ${n}`,
    role: 'student',
    active: true,
    activated: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}
