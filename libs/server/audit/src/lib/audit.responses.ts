import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
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

export class AuditEventPageBody implements AuditEventPage {
  @ApiProperty({ type: () => [AuditEventBody] }) items!: AuditEventBody[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}

/** Error statuses an operation may answer, each with the `ApiError` body of @fieldwork/contracts. */
const ERROR_DESCRIPTIONS = {
  400: 'Invalid input: `message` says what is wrong, `details` names each bad field',
  401: 'Not signed in, or the session expired',
  403: 'Signed in, but this role may not do this',
  404: 'No such resource in this career center (or not visible to you)',
  409: 'Conflicts with the current state',
  410: 'Gone: it existed but has expired',
  413: 'The upload is too large',
  429: 'Too many requests: wait and try again',
} as const;

/** Documents the error answers of an operation (the `ApiError` schema registered by the API app). */
export function ApiErrors(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], schema: { $ref: '#/components/schemas/ApiError' } })),
  );
}
