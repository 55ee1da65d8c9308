import { ApiProperty, ApiPropertyOptional, IntersectionType, type ApiPropertyOptions } from '@nestjs/swagger';
import { NEXT_CURSOR_PROPERTY, PageBody } from '@fieldwork/server-core';
import {
  GRADEBOOK_STATUSES,
  INTERACTION_KINDS,
  PROMPT_TYPES,
  TASK_STATUSES,
  TEMPLATE_CATEGORIES,
  type AdvisorAttention,
  type Answers,
  type Assignment,
  type AssignmentSummary,
  type BulkResult,
  type CalendarLink,
  type CalendarLinkStatus,
  type CreateAssignmentResponse,
  type EvidenceRule,
  type Gradebook,
  type GradebookAssignment,
  type GradebookCell,
  type GradebookStatus,
  type GradebookStudent,
  type InteractionKind,
  type NudgeResponse,
  type Page,
  type PromptType,
  type ReflectionPrompt,
  type Review,
  type ReviewQueueItem,
  type RubricCriterion,
  type RubricLevel,
  type Submission,
  type TaskCounts,
  type TaskDetail,
  type TaskDraft,
  type TaskExtension,
  type TaskStatus,
  type TaskSummary,
  type Template,
  type TemplateCategory,
} from '@fieldwork/contracts';

import type { TemplateContent } from './templates/template-content';

/**
 * Response schemas of the homework operations (templates, assignments, tasks,
 * reviews, the advisor's loop, the calendar link). Each class implements its
 * contracts interface, so the compiler keeps the document and the contract in step.
 */

/** A reflection's answers: prompt key → text, number (scale) or null. */
const ANSWERS: ApiPropertyOptions = {
  type: 'object',
  description: 'Prompt key → answer',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true },
};

export class HomeworkPersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class HomeworkCohortRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ReflectionPromptBody implements ReflectionPrompt {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: PROMPT_TYPES }) type!: PromptType;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional() help?: string;
  @ApiPropertyOptional({ type: [String], description: 'For `choice` only: the allowed answers' }) options?: string[];
}

export class EvidenceRuleBody implements EvidenceRule {
  @ApiProperty({ enum: ['none', 'url', 'text'] }) kind!: 'none' | 'url' | 'text';
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional() label?: string;
}

export class RubricLevelBody implements RubricLevel {
  @ApiProperty() label!: string;
  @ApiProperty() points!: number;
}

export class RubricCriterionBody implements RubricCriterion {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: () => [RubricLevelBody] }) levels!: RubricLevelBody[];
}

/** The content every copy of a template answers with: the template, its assignments, their tasks. */
export class TemplateContentBody implements TemplateContent {
  @ApiProperty({ description: 'Markdown' }) instructions!: string;
  @ApiProperty({ type: () => [ReflectionPromptBody] }) prompts!: ReflectionPromptBody[];
  @ApiProperty() contactRequired!: boolean;
  @ApiProperty({ type: () => EvidenceRuleBody }) evidence!: EvidenceRuleBody;
  @ApiProperty({ type: () => [RubricCriterionBody], nullable: true }) rubric!: RubricCriterionBody[] | null;
  @ApiProperty({ type: 'integer' }) estimatedMinutes!: number;
}

export class TemplateBody extends TemplateContentBody implements Template {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) category!: TemplateCategory;
  @ApiPropertyOptional({ enum: INTERACTION_KINDS, nullable: true, description: 'null: by category' }) interactionKind?: InteractionKind | null;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TemplatePageBody extends PageBody(TemplateBody) implements Page<Template> {}

export class CreateAssignmentBody implements CreateAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) taskCount!: number;
}

export class TaskCountsBody implements TaskCounts {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) assigned!: number;
  @ApiProperty({ type: 'integer' }) in_progress!: number;
  @ApiProperty({ type: 'integer' }) submitted!: number;
  @ApiProperty({ type: 'integer' }) revision_requested!: number;
  @ApiProperty({ type: 'integer' }) approved!: number;
  @ApiProperty({ type: 'integer' }) excused!: number;
}

export class AssignmentSummaryBody implements AssignmentSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) templateId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) category!: TemplateCategory;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cohortId!: string | null;
  @ApiProperty({ type: String, nullable: true }) cohortName!: string | null;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date', description: 'The local day it opens, in the career center’s time zone' }) opensOn!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The local due day (null for a relative due date)' }) dueOn!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) dueDaysAfterJoin!: number | null;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => TaskCountsBody }) progress!: TaskCountsBody;
}

export class AssignmentBody extends IntersectionType(AssignmentSummaryBody, TemplateContentBody) implements Assignment {
  @ApiProperty({ enum: INTERACTION_KINDS, nullable: true, description: 'null: by category' }) interactionKind!: InteractionKind | null;
}

export class AssignmentPageBody extends PageBody(AssignmentSummaryBody) implements Page<AssignmentSummary> {}

export class TaskExtensionBody implements TaskExtension {
  @ApiProperty({ format: 'date-time' }) originalDueAt!: string;
  @ApiProperty({ format: 'date' }) originalDueOn!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ type: () => HomeworkPersonRef, nullable: true }) grantedBy!: HomeworkPersonRef | null;
}

export class TaskSummaryBody implements TaskSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) category!: TemplateCategory;
  @ApiProperty({ type: () => HomeworkPersonRef }) student!: HomeworkPersonRef;
  @ApiProperty({ type: () => HomeworkCohortRef, nullable: true }) cohort!: HomeworkCohortRef | null;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Due for this student (an extension’s date when one was granted)' }) dueAt!: string;
  @ApiProperty({ format: 'date', description: 'The local due day in the career center’s time zone' }) dueOn!: string;
  @ApiProperty({ type: () => TaskExtensionBody, nullable: true }) extension!: TaskExtensionBody | null;
  @ApiProperty({ type: String, nullable: true }) excusedReason!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty() dueSoon!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() late!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TaskPageBody extends PageBody(TaskSummaryBody) implements Page<TaskSummary> {}

export class TaskDraftBody implements TaskDraft {
  @ApiProperty(ANSWERS) answers!: Answers;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId!: string | null;
  @ApiProperty({ type: String, nullable: true }) evidence!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) savedAt!: string | null;
}

export class TaskDetailBody extends IntersectionType(TaskSummaryBody, TemplateContentBody) implements TaskDetail {
  @ApiProperty({ type: () => TaskDraftBody }) draft!: TaskDraftBody;
}

export class ReviewBody implements Review {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['approve', 'revise'] }) decision!: 'approve' | 'revise';
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, nullable: true, description: 'Criterion key → points' })
  rubricScores!: Record<string, number> | null;
  @ApiProperty({ type: Number, nullable: true }) totalPoints!: number | null;
  @ApiProperty({ type: () => HomeworkPersonRef }) reviewer!: HomeworkPersonRef;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SubmissionContactBody {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null once the contact was deleted' }) id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
}

export class SubmissionBody implements Submission {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty(ANSWERS) answers!: Answers;
  @ApiProperty({ type: () => SubmissionContactBody, nullable: true, description: 'A snapshot: it survives the contact’s deletion' })
  contact!: SubmissionContactBody | null;
  @ApiProperty({ type: String, nullable: true }) evidence!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty({ type: () => ReviewBody, nullable: true }) review!: ReviewBody | null;
}

export class ReviewQueueItemBody implements ReviewQueueItem {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: () => HomeworkPersonRef }) student!: HomeworkPersonRef;
  @ApiProperty({ type: () => HomeworkCohortRef, nullable: true }) cohort!: HomeworkCohortRef | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() late!: boolean;
}

export class ReviewQueuePageBody extends PageBody(ReviewQueueItemBody) implements Page<ReviewQueueItem> {}

export class GradebookAssignmentBody implements GradebookAssignment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) category!: TemplateCategory;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) dueDaysAfterJoin!: number | null;
}

export class GradebookCellBody implements GradebookCell {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ enum: GRADEBOOK_STATUSES }) status!: GradebookStatus;
  @ApiProperty({ enum: TASK_STATUSES }) taskStatus!: TaskStatus;
  @ApiProperty() late!: boolean;
  @ApiProperty() extended!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastNudgedAt!: string | null;
}

export class GradebookStudentBody implements GradebookStudent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) studentId!: string | null;
  @ApiProperty({ type: () => [GradebookCellBody] }) cells!: GradebookCellBody[];
}

export class GradebookBody implements Gradebook {
  @ApiProperty({ type: () => HomeworkCohortRef }) cohort!: HomeworkCohortRef;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: () => [GradebookAssignmentBody] }) assignments!: GradebookAssignmentBody[];
  @ApiProperty({ type: () => [GradebookStudentBody] }) students!: GradebookStudentBody[];
  @ApiProperty({ type: 'integer' }) totalStudents!: number;
  @ApiProperty(NEXT_CURSOR_PROPERTY) nextCursor!: string | null;
}

export class NudgeBody implements NudgeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) recipients!: number;
}

export class BulkResultBody implements BulkResult {
  @ApiProperty({ type: 'integer', description: 'Tasks changed' }) count!: number;
}

export class NotStartedDueSoonBody {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() cohortName!: string;
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: 'integer' }) notStarted!: number;
}

export class AdvisorAttentionBody implements AdvisorAttention {
  @ApiProperty({ type: 'integer' }) reviewsWaiting!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) oldestWaitingSince!: string | null;
  @ApiProperty({ type: () => [NotStartedDueSoonBody] }) notStartedDueSoon!: NotStartedDueSoonBody[];
}

export class CalendarLinkStatusBody implements CalendarLinkStatus {
  @ApiProperty({ type: String, nullable: true, description: 'The secret ICS feed URL when it was just made; null when a link exists (only its hash is kept)' })
  url!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Since when the current link works' }) createdAt!: string;
}

export class CalendarLinkBody implements CalendarLinkStatus, CalendarLink {
  @ApiProperty({ description: 'The new secret ICS feed URL (shown this once)' }) url!: string;
  @ApiProperty({ format: 'date-time', description: 'Since when the link works' }) createdAt!: string;
}
