import { Injectable } from '@nestjs/common';
import { TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import {
  DELIVERY_MODES,
  NOTIFICATION_KIND_INFO,
  type DeliveryMode,
  type NotificationPreferences,
  type PreferenceKind,
  type UpdateNotificationPreferencesRequest,
} from '@fieldwork/contracts';
import { preferencesOf, savePreferences, tenantTimezone } from './notifications.queries';

/** The kinds a user can receive, in settings order. */
function kindsFor(auth: UserAuth): PreferenceKind[] {
  const audience = auth.role === 'student' ? 'student' : 'staff';
  return (Object.keys(NOTIFICATION_KIND_INFO) as PreferenceKind[]).filter((kind) => NOTIFICATION_KIND_INFO[kind].audience === audience);
}

function modesFor(kind: PreferenceKind): DeliveryMode[] {
  return NOTIFICATION_KIND_INFO[kind].digestible ? [...DELIVERY_MODES] : ['immediately', 'off'];
}

/** Each user's choice per kind: immediately (the default), in the 08:00 digest, or off. */
@Injectable()
export class PreferencesService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  get(auth: UserAuth): Promise<NotificationPreferences> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const chosen = new Map((await preferencesOf(db, auth.tenantId, auth.userId)).map((row) => [row.kind, row.mode]));
      return {
        timezone: await tenantTimezone(db, auth.tenantId),
        items: kindsFor(auth).map((kind) => ({
          kind,
          label: NOTIFICATION_KIND_INFO[kind].label,
          description: NOTIFICATION_KIND_INFO[kind].description,
          mode: chosen.get(kind) ?? 'immediately',
          modes: modesFor(kind),
        })),
      };
    });
  }

  /** Sets the given kinds (others keep their setting); every entry is checked before anything is written. */
  update(auth: UserAuth, request: UpdateNotificationPreferencesRequest): Promise<NotificationPreferences> {
    const allowed = kindsFor(auth);
    const problems = (request.preferences ?? []).flatMap((preference, index) => {
      if (!allowed.includes(preference.kind)) {
        return [{ field: `preferences[${index}].kind`, problems: [`must be one of ${allowed.join(', ')}`] }];
      }
      if (!modesFor(preference.kind).includes(preference.mode)) {
        return [{ field: `preferences[${index}].mode`, problems: [`must be one of ${modesFor(preference.kind).join(', ')}`] }];
      }
      return [];
    });
    if (problems.length) throw validationFailed(problems);
    return this.tenantDb.transaction(auth.tenantId, (db) => savePreferences(db, auth.tenantId, auth.userId, request.preferences)).then(() => this.get(auth));
  }
}
