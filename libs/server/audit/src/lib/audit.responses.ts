import { ApiProperty } from '@nestjs/swagger';
import { PageBody } from '@fieldwork/server-core';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent, type AuditEventPage } from '@fieldwork/contracts';

/** Response schemas of the audit log; each class implements its contracts interface. */

export class AuditActorBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class AuditEventBody implements AuditEvent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ type: () => AuditActorBody, nullable: true }) actor!: AuditActorBody | null;
  @ApiProperty({ type: String, nullable: true }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the action concerned (never a contact’s details)' })
  details!: Record<string, unknown>;
}

export class AuditEventPageBody extends PageBody(AuditEventBody) implements AuditEventPage {}
