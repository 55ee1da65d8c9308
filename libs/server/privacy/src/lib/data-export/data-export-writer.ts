import { stringify } from 'csv-stringify';
import { Readable, Writable } from 'node:stream';
import { writeZip } from '../zip-file';
import { EntityManager } from 'typeorm';
import type { Sql } from '@fieldwork/server-core';
import { SAFE_CAST, TASK_SCHEDULE_COLUMNS, cursorBatches, isoInZone, labelledLines, taskScheduleCells, type Labelled } from '@fieldwork/server-exports';
import { preferencesOf } from '@fieldwork/server-notifications';
import { toContact, type ContactRow } from '@fieldwork/server-network';
import { DATA_EXPORT_FILES, NOTIFICATION_KIND_INFO, type PreferenceKind, type Role } from '@fieldwork/contracts';
import {
  contactsOf,
  dataExportCounts,
  interactionsOf,
  profileCohorts,
  profileUser,
  taskLinesOf,
  tasksOf,
  type DataExportInteractionRow,
  type DataExportTaskLineRow,
  type DataExportTaskRow,
} from './data-export.queries';

/** Rows fetched per round trip from each server-side cursor. */
export const DATA_EXPORT_FETCH_SIZE = 500;

/** Whose data, and where the ZIP's words come from. */
export interface DataExportSubject {
  tenantId: string;
  userId: string;
  userName: string;
  role: Role;
  tenantName: string;
  timezone: string;
  /** The instant the copy is made ("as of"). */
  at: Date;
  /** The day the download stops working. */
  expiresAt: Date;
}

/** How many items each file holds; the worker counts them first, for progress. */
export interface DataExportCounts {
  tasks: number;
  taskRows: number;
  submissions: number;
  contacts: number;
  interactions: number;
}

/** Items written (a JSON item or a CSV row), over every file. */
export function totalItems(counts: DataExportCounts): number {
  return 1 + counts.tasks + counts.taskRows + 2 * counts.contacts + 2 * counts.interactions;
}

export async function countItems(db: EntityManager, subject: Pick<DataExportSubject, 'tenantId' | 'userId'>): Promise<DataExportCounts> {
  const row = await dataExportCounts(db, subject.tenantId, subject.userId);
  if (!row) throw new Error('the counts query returns one row');
  return { tasks: row.tasks, taskRows: row.task_rows, submissions: row.submissions, contacts: row.contacts, interactions: row.interactions };
}

/**
 * Writes a person's ZIP into `file`, streaming: every file of the archive is
 * one pass of a server-side cursor (DECLARE … FETCH) over that person's rows,
 * item by item through archiver into the file with backpressure, so memory
 * stays flat however many tasks or interactions they have. JSON files are
 * arrays written one element at a time; CSV files go through csv-stringify with
 * the exports' formula guard. Runs in the caller's tenant transaction (RLS
 * applies to every cursor). `onProgress` is told the running item count after
 * every fetch.
 */
export async function writeDataExportZip(
  db: EntityManager,
  subject: DataExportSubject,
  counts: DataExportCounts,
  file: string | Writable,
  onProgress: (doneItems: number) => Promise<void>,
): Promise<void> {
  if (!db.queryRunner?.isTransactionActive) throw new Error('writeDataExportZip() runs inside a transaction');
  const zone = subject.timezone;
  const at = (value: Date | string | null | undefined): string | null => (value ? isoInZone(new Date(value), zone) : null);
  let done = 0;
  const progress = async (items: number) => {
    done += items;
    await onProgress(done);
  };
  const { tenantId, userId } = subject;
  /** A person's rows through a server-side cursor, DATA_EXPORT_FETCH_SIZE at a time; progress after each fetch. */
  async function* rows<Row>(name: string, query: Sql): AsyncGenerator<Row> {
    for await (const batch of cursorBatches<Row>(db, name, query, DATA_EXPORT_FETCH_SIZE)) {
      for (const row of batch) yield row;
      if (batch.length) await progress(batch.length);
    }
  }

  await writeZip(file, subject.at, async (add) => {
    await add('README.txt', Readable.from([readme(subject, counts)], { objectMode: false }));
    await add('profile.json', Readable.from([JSON.stringify(await profile(db, subject, at), null, 2) + '\n'], { objectMode: false }));
    await progress(1);

    const tasks = tasksOf(tenantId, userId, zone);
    await add('tasks.json', jsonArray(rows<DataExportTaskRow>('data_export_tasks', tasks), (row) => taskItem(row, at)));
    const taskLines = taskLinesOf(tenantId, userId);
    await add('tasks.csv', csv(rows<DataExportTaskLineRow>('data_export_task_rows', taskLines), TASK_COLUMNS, (row) => taskRecord(row, at, zone)));
    const contacts = contactsOf(tenantId, userId);
    await add('contacts.json', jsonArray(rows<ContactRow>('data_export_contacts', contacts), (row) => contactItem(row, at)));
    await add('contacts.csv', csv(rows<ContactRow>('data_export_contact_rows', contacts), CONTACT_COLUMNS, (row) => contactRecord(row, at)));
    const interactions = interactionsOf(tenantId, userId);
    await add('interactions.json', jsonArray(rows<DataExportInteractionRow>('data_export_interactions', interactions), (row) => interactionItem(row, at)));
    await add(
      'interactions.csv',
      csv(rows<DataExportInteractionRow>('data_export_interaction_rows', interactions), INTERACTION_COLUMNS, (row) => interactionRecord(row, at)),
    );
  });
}

type At = (value: Date | string | null | undefined) => string | null;

/** A JSON array written one element at a time (never the whole array in memory). */
function jsonArray<Row>(rows: AsyncGenerator<Row>, toItem: (row: Row) => unknown): Readable {
  async function* text(): AsyncGenerator<string> {
    let first = true;
    yield '[';
    for await (const row of rows) {
      const item = JSON.stringify(toItem(row), null, 2).replace(/\n/g, '\n  ');
      yield `${first ? '\n' : ',\n'}  ${item}`;
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
  }
  return Readable.from(text(), { objectMode: false });
}

/** A CSV file (header, BOM for spreadsheets, formula guard), row by row. */
function csv<Row>(rows: AsyncGenerator<Row>, columns: readonly string[], toRecord: (row: Row) => unknown[]): Readable {
  async function* records(): AsyncGenerator<unknown[]> {
    for await (const row of rows) yield toRecord(row);
  }
  const source = Readable.from(records());
  const out = stringify({ header: true, columns: [...columns], cast: SAFE_CAST, bom: true });
  source.on('error', (error) => out.destroy(error));
  return source.pipe(out);
}

// --- profile.json -----------------------------------------------------------

async function profile(db: EntityManager, subject: DataExportSubject, at: At) {
  const user = await profileUser(db, subject.tenantId, subject.userId);
  if (!user) throw new Error(`user ${subject.userId} is not in tenant ${subject.tenantId}`);
  const cohorts = await profileCohorts(db, subject.tenantId, subject.userId);
  const chosen = await preferencesOf(db, subject.tenantId, subject.userId);
  const modes = new Map(chosen.map((row) => [row.kind, row.mode]));
  const audience = subject.role === 'student' ? 'student' : 'staff';
  const preferences = (Object.keys(NOTIFICATION_KIND_INFO) as PreferenceKind[])
    .filter((kind) => NOTIFICATION_KIND_INFO[kind].audience === audience || modes.has(kind))
    .map((kind) => ({ kind, label: NOTIFICATION_KIND_INFO[kind].label, mode: modes.get(kind) ?? 'immediately' }));
  return {
    exportedAt: at(subject.at),
    careerCenter: { name: subject.tenantName, timeZone: subject.timezone },
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    studentId: user.student_id,
    active: user.active,
    memberSince: at(user.created_at),
    cohorts: cohorts.map((row) => ({
      id: row.id,
      name: row.name,
      as: row.role,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      joinedAt: at(row.joined_at),
      archivedAt: at(row.archived_at),
    })),
    notificationPreferences: preferences,
  };
}

// --- tasks ------------------------------------------------------------------


function taskItem(row: DataExportTaskRow, at: At) {
  const prompts: Labelled[] = Array.isArray(row.prompts) ? row.prompts : [];
  return {
    id: row.id,
    homework: { title: row.title, category: row.category, instructions: row.instructions, prompts: row.prompts, evidence: row.evidence_rule, rubric: row.rubric },
    cohort: row.cohort_name,
    status: row.status,
    opensAt: at(row.opens_at),
    dueAt: at(row.due_at),
    dueOn: row.due_on,
    extension: row.extended_from
      ? { dueOn: row.due_on, originalDueAt: at(row.extended_from), originalDueOn: row.original_due_on, reason: row.extension_reason, extendedAt: at(row.extended_at) }
      : null,
    excusedReason: row.excused_reason,
    firstSubmittedAt: at(row.first_submitted_at),
    submittedAt: at(row.submitted_at),
    approvedAt: at(row.approved_at),
    draft: row.draft_saved_at ? { answers: row.draft, evidence: row.draft_evidence, savedAt: at(row.draft_saved_at) } : null,
    assignedAt: at(row.created_at),
    submissions: row.submissions.map((s) => ({
      id: s.id,
      version: s.version,
      submittedAt: at(s.submitted_at),
      late: s.late,
      answers: s.answers,
      answersAsText: labelledLines(prompts, s.answers),
      contact: s.contact_name ? { id: s.contact_id, name: s.contact_name, organization: s.contact_organization } : null,
      evidence: s.evidence,
      review: s.review
        ? {
            id: s.review.id,
            decision: s.review.decision,
            comment: s.review.comment,
            rubricScores: s.review.rubric_scores,
            totalPoints: s.review.total_points,
            reviewer: s.review.reviewer,
            reviewedAt: at(s.review.reviewed_at),
          }
        : null,
    })),
  };
}


export const TASK_COLUMNS = [
  'task id',
  'homework',
  'category',
  'cohort',
  ...TASK_SCHEDULE_COLUMNS,
  'excused reason',
  'approved',
  'submission id',
  'version',
  'submitted',
  'late',
  'contact',
  'contact organization',
  'evidence',
  'answers',
  'review',
  'review comment',
  'rubric scores',
  'total points',
  'reviewed',
  'reviewer',
] as const;

function taskRecord(row: DataExportTaskLineRow, at: At, zone: string): unknown[] {
  const prompts: Labelled[] = Array.isArray(row.prompts) ? row.prompts : [];
  const rubric: Labelled[] = Array.isArray(row.rubric) ? row.rubric : [];
  return [
    row.task_id,
    row.title,
    row.category,
    row.cohort_name ?? '',
    ...taskScheduleCells(row, zone),
    row.excused_reason ?? '',
    at(row.approved_at) ?? '',
    row.submission_id ?? '',
    row.version ?? '',
    at(row.submitted_at) ?? '',
    row.submission_id ? row.late : '',
    row.contact_name ?? '',
    row.contact_organization ?? '',
    row.evidence ?? '',
    row.submission_id ? labelledLines(prompts, row.answers) : '',
    row.decision ?? '',
    row.comment ?? '',
    row.rubric_scores ? labelledLines(rubric, row.rubric_scores) : '',
    row.total_points ?? '',
    at(row.reviewed_at) ?? '',
    row.reviewer_name ?? '',
  ];
}

// --- contacts ---------------------------------------------------------------


/** A contact as the app shows it, times in the career center's zone (whether a follow-up is due is the app's view of now, not data). */
function contactItem(row: ContactRow, at: At) {
  const { followUpDue: _now, ...contact } = toContact(row);
  return {
    ...contact,
    lastInteractionAt: at(row.lastInteractionAt),
    nextFollowUpAt: at(row.nextFollowUpAt),
    createdAt: at(row.createdAt),
    updatedAt: at(row.updatedAt),
  };
}

export const CONTACT_COLUMNS = [
  'contact id',
  'name',
  'organization',
  'role',
  'sector',
  'how met',
  'email',
  'linkedin',
  'tags',
  'notes',
  'follow up every days',
  'shared with advisors',
  'last interaction',
  'next follow-up',
  'interactions',
  'added',
] as const;

function contactRecord(row: ContactRow, at: At): unknown[] {
  return [
    row.id,
    row.name,
    row.organization ?? '',
    row.role ?? '',
    row.sector ?? '',
    row.howMet ?? '',
    row.email ?? '',
    row.linkedinUrl ?? '',
    row.tags.join(', '),
    row.notes ?? '',
    row.followUpEveryDays ?? '',
    row.sharedWithAdvisors,
    at(row.lastInteractionAt) ?? '',
    at(row.nextFollowUpAt) ?? '',
    row.interactionCount,
    at(row.createdAt),
  ];
}

// --- interactions -----------------------------------------------------------


function interactionItem(row: DataExportInteractionRow, at: At) {
  return {
    id: row.id,
    contact: { id: row.contact_id, name: row.contact_name },
    kind: row.kind,
    occurredAt: at(row.occurred_at),
    notes: row.notes,
    fromHomework: row.from_homework,
    taskId: row.task_id,
    loggedAt: at(row.created_at),
  };
}

export const INTERACTION_COLUMNS = ['interaction id', 'contact id', 'contact', 'kind', 'occurred', 'notes', 'from homework', 'task id', 'logged'] as const;

function interactionRecord(row: DataExportInteractionRow, at: At): unknown[] {
  return [row.id, row.contact_id, row.contact_name, row.kind, at(row.occurred_at), row.notes ?? '', row.from_homework, row.task_id ?? '', at(row.created_at)];
}

// --- README.txt -------------------------------------------------------------

function readme(subject: DataExportSubject, counts: DataExportCounts): string {
  const when = new Intl.DateTimeFormat('en-US', {
    timeZone: subject.timezone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const day = new Intl.DateTimeFormat('en-US', { timeZone: subject.timezone, dateStyle: 'long' });
  const lines = [
    `Your data from ${subject.tenantName} (Fieldwork)`,
    '',
    `This is a copy of what ${subject.tenantName} keeps about you, ${subject.userName}, in Fieldwork,`,
    `made on ${when.format(subject.at)}. Its download link works until ${day.format(subject.expiresAt)}.`,
    '',
    `Dates and times are in the career center's time zone (${subject.timezone}): each is written`,
    'like 2026-12-10T23:59:59-05:00, the local time followed by its offset from UTC, and a due',
    'date is also given as a day ("dueOn": "2026-12-10"), due at the end of that day.',
    '',
    'What each file is:',
    '',
    ...DATA_EXPORT_FILES.map((entry) => `  ${entry.name.padEnd(18)} ${entry.about}`),
    '',
    'In numbers:',
    `  ${counts.tasks} piece(s) of homework with ${counts.submissions} version(s) of your reflections,`,
    `  ${counts.contacts} contact(s) and ${counts.interactions} interaction(s).`,
    '',
    'The .json files are for programs (and for moving your data elsewhere); the .csv files open',
    'in a spreadsheet. A cell starting with an apostrophe (\') was text that a spreadsheet could',
    'otherwise run as a formula.',
    '',
    'The contacts are people you told Fieldwork about: please look after their details as you',
    `would want yours looked after. Questions about this copy go to ${subject.tenantName}.`,
    '',
  ];
  return lines.join('\n');
}
