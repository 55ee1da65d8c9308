import { ApiProperty } from '@nestjs/swagger';
import { PageBody } from '@fieldwork/server-core';
import { INTERACTION_KINDS, type Contact, type Interaction, type InteractionKind, type Page } from '@fieldwork/contracts';

/** Response schemas of the network operations; each class implements its contracts interface. */

export class ContactBody implements Contact {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true }) sector!: string | null;
  @ApiProperty({ type: String, nullable: true }) howMet!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) linkedinUrl!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) followUpEveryDays!: number | null;
  @ApiProperty({ description: 'Shared contacts are visible to the student’s advisors' }) sharedWithAdvisors!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastInteractionAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextFollowUpAt!: string | null;
  @ApiProperty({ description: 'nextFollowUpAt has passed' }) followUpDue!: boolean;
  @ApiProperty({ type: 'integer' }) interactionCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ContactPageBody extends PageBody(ContactBody) implements Page<Contact> {}

export class FromHomeworkBody {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() title!: string;
}

export class InteractionBody implements Interaction {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty({ enum: INTERACTION_KINDS }) kind!: InteractionKind;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: () => FromHomeworkBody, nullable: true, description: 'Recorded by a submitted reflection of this homework' })
  fromHomework!: FromHomeworkBody | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
