import { ApiProperty } from '@nestjs/swagger';
import { PageBody } from '@fieldwork/server-core';
import {
  DELIVERY_MODES,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_INFO,
  type DeliveryMode,
  type Notification,
  type NotificationKind,
  type NotificationPage,
  type NotificationPreference,
  type NotificationPreferences,
  type PreferenceKind,
} from '@fieldwork/contracts';

/** Response schemas of the inbox and preference operations; each class implements its contracts interface. */

export class NotificationBody implements Notification {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true, description: 'A path inside the app, e.g. /tasks/<id>' }) link!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPageBody extends PageBody(NotificationBody) implements NotificationPage {
  @ApiProperty({ type: 'integer' }) unreadCount!: number;
}

export class NotificationPreferenceBody implements NotificationPreference {
  @ApiProperty({ enum: Object.keys(NOTIFICATION_KIND_INFO) }) kind!: PreferenceKind;
  @ApiProperty() label!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: DELIVERY_MODES }) mode!: DeliveryMode;
  @ApiProperty({ enum: DELIVERY_MODES, isArray: true, description: 'The modes this kind offers' }) modes!: DeliveryMode[];
}

export class NotificationPreferencesBody implements NotificationPreferences {
  @ApiProperty({ description: 'The career center’s time zone, in which the daily digest goes out at 08:00' }) timezone!: string;
  @ApiProperty({ type: () => [NotificationPreferenceBody] }) items!: NotificationPreferenceBody[];
}
