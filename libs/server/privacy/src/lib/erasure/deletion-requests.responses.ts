import { ApiProperty } from '@nestjs/swagger';
import {
  DELETION_REQUEST_STATUSES,
  type CreateDeletionRequestResponse,
  type DeletionImpact,
  type DeletionRequestList,
  type DeletionRequestStatus,
  type DeletionRequestSummary,
  type MyDeletionRequest,
} from '@fieldwork/contracts';

/** Response schemas of the deletion-request operations; each class implements its contracts interface. */

export class CreateDeletionRequestBody implements CreateDeletionRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class DeletionPersonBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once erased' }) email!: string | null;
  @ApiProperty() role!: string;
}

export class DeletionActorBody {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class DeletionImpactBody implements DeletionImpact {
  @ApiProperty({ type: 'integer', minimum: 0 }) tasks!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) reflections!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) contacts!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) interactions!: number;
}

export class DeletionRequestBody implements DeletionRequestSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DELETION_REQUEST_STATUSES }) status!: DeletionRequestStatus;
  @ApiProperty({ type: () => DeletionPersonBody }) user!: DeletionPersonBody;
  @ApiProperty({ type: () => DeletionActorBody }) requestedBy!: DeletionActorBody;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt!: string | null;
  @ApiProperty({ type: () => DeletionActorBody, nullable: true }) approvedBy!: DeletionActorBody | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ type: () => DeletionImpactBody, description: 'What will be erased (counted now), or once done what was' }) impact!: DeletionImpactBody;
  @ApiProperty({ description: 'What erasure does, in words' }) rule!: string;
}

export class DeletionRequestListBody implements DeletionRequestList {
  @ApiProperty({ type: () => [DeletionRequestBody] }) items!: DeletionRequestBody[];
}

export class MyDeletionRequestBody implements MyDeletionRequest {
  @ApiProperty({ type: () => DeletionRequestBody, nullable: true }) request!: DeletionRequestBody | null;
}
