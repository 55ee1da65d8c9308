import type { TaskDetail, TaskSummary } from '@fieldwork/contracts';

/** For specs: a student's assigned task as the API lists it; a test overrides the fields it is about. */
export function taskSummaryFixture(extra: Partial<TaskSummary> = {}): TaskSummary {
  return {
    id: 't1',
    assignmentId: 'a1',
    title: 'Conduct an informational interview',
    category: 'gather-information',
    student: { id: 's1', name: 'Sam' },
    cohort: null,
    opensAt: '2026-02-01T00:00:00.000Z',
    dueAt: '2026-03-03T17:00:00.000Z',
    dueOn: '2026-03-03',
    extension: null,
    excusedReason: null,
    status: 'assigned',
    dueSoon: false,
    overdue: false,
    late: false,
    submittedAt: null,
    approvedAt: null,
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...extra,
  };
}

/** For specs: the same task with its instructions, no prompts, no contact, evidence or rubric, and an empty draft. */
export function taskDetailFixture(extra: Partial<TaskDetail> = {}): TaskDetail {
  return {
    ...taskSummaryFixture(),
    instructions: 'Talk to someone.',
    prompts: [],
    contactRequired: false,
    evidence: { kind: 'none', required: false },
    rubric: null,
    estimatedMinutes: 45,
    draft: { answers: {}, contactId: null, evidence: null, savedAt: null },
    ...extra,
  };
}
