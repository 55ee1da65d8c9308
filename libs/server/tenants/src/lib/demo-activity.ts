import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { wallTime } from '@fieldwork/server-core';
import { DEMO_REFLECTIONS, DEMO_REVIEWS, type DemoAssignmentKey } from './demo-reflections';
import {
  DemoWork,
  insertDemoAssignments,
  insertDemoCohort,
  insertDemoContacts,
  insertDemoInteractions,
  insertDemoMembers,
  insertDemoReviews,
  insertDemoStudents,
  insertDemoSubmissions,
  insertDemoTasks,
  tenantTimezone,
  userIdByEmail,
} from './demo-activity.queries';

/**
 * A second demo cohort with five weeks of work, so the dashboards and the gradebook have
 * something to show: every gradebook status (not started, overdue, in progress, submitted,
 * needs revision, approved, excused), late work, an extension, and homework due within the
 * week that some students have not started (the advisor's "needs your attention").
 */
export const DEMO_ACTIVITY_COHORT = 'Policy Fellows — Demo Cohort';

const STUDENTS = [
  { key: 'maya', email: 'maya.chen@demo.test', name: 'Maya Chen', studentId: 'PF-1041', joined: 35 },
  { key: 'jordan', email: 'jordan.ellis@demo.test', name: 'Jordan Ellis', studentId: 'PF-1042', joined: 35 },
  { key: 'priya', email: 'priya.raman@demo.test', name: 'Priya Raman', studentId: 'PF-1043', joined: 35 },
  { key: 'diego', email: 'diego.torres@demo.test', name: 'Diego Torres', studentId: 'PF-1044', joined: 35 },
  { key: 'lena', email: 'lena.okafor@demo.test', name: 'Lena Okafor', studentId: 'PF-1045', joined: 35 },
  // Transferred in during week four: the interview was due before she joined.
  { key: 'sofia', email: 'sofia.alvarez@demo.test', name: 'Sofia Alvarez', studentId: 'PF-1046', joined: 12 },
];

/** Opens (start of that local day) and due (end of that local day) in days from today in the career center's zone. */
const ASSIGNMENTS: { key: DemoAssignmentKey; title: string; opens: number; due: number }[] = [
  { key: 'interview', title: 'Conduct an informational interview with someone in your chosen field', opens: -35, due: -21 },
  { key: 'thanks', title: 'Send a thank-you note within 48 hours of a conversation', opens: -20, due: -6 },
  { key: 'share', title: 'Share an article or a research update with a contact', opens: -5, due: 5 },
];

/** A moment in the career center's zone: [days ago (≥ 1, so never in the future), "HH:MM" local]. */
type When = [number, string];

interface Work {
  student: string;
  assignment: DemoAssignmentKey;
  status: 'assigned' | 'in_progress' | 'submitted' | 'revision_requested' | 'approved' | 'excused';
  /** The contact the reflection names (in the student's network). */
  contact?: string;
  draft?: When;
  submitted?: When;
  reviewed?: When;
  excused?: { reason: string; at: When };
  /** A per-student due date: the end of that local day (days from today), granted by the advisor. */
  extension?: { due: number; reason: string; at: When };
}

const WORK: Work[] = [
  { student: 'maya', assignment: 'interview', status: 'approved', contact: 'Rosa Delgado', draft: [25, '21:10'], submitted: [24, '19:42'], reviewed: [22, '09:15'] },
  { student: 'maya', assignment: 'thanks', status: 'approved', contact: 'Tom Becker', draft: [8, '18:05'], submitted: [8, '18:31'], reviewed: [7, '10:02'] },
  { student: 'maya', assignment: 'share', status: 'revision_requested', contact: 'Alma Ruiz', draft: [3, '20:50'], submitted: [3, '21:15'], reviewed: [2, '10:40'] },
  // Jordan submits at the last minute: the interview two days late, the thank-you note just after midnight (late, waiting for review).
  { student: 'jordan', assignment: 'interview', status: 'approved', contact: 'Kai Nakamura', draft: [19, '23:20'], submitted: [19, '23:51'], reviewed: [17, '14:30'] },
  { student: 'jordan', assignment: 'thanks', status: 'submitted', contact: 'Grace Mensah', draft: [5, '00:40'], submitted: [5, '01:12'] },
  {
    student: 'jordan',
    assignment: 'share',
    status: 'assigned',
    extension: { due: 12, reason: 'Presenting his civic data project at a conference this week; agreed a week’s extension.', at: [1, '11:20'] },
  },
  { student: 'priya', assignment: 'interview', status: 'approved', contact: 'Ines Duarte', draft: [24, '20:00'], submitted: [23, '08:45'], reviewed: [20, '16:10'] },
  { student: 'priya', assignment: 'thanks', status: 'revision_requested', contact: 'Omar Haddad', submitted: [9, '17:25'], reviewed: [7, '09:40'], draft: [6, '21:55'] },
  { student: 'priya', assignment: 'share', status: 'submitted', contact: 'Ines Duarte', draft: [2, '15:30'], submitted: [2, '16:02'] },
  // Nothing started: two overdue, one due this week (so is Sofia's).
  { student: 'diego', assignment: 'interview', status: 'assigned' },
  { student: 'diego', assignment: 'thanks', status: 'assigned' },
  { student: 'diego', assignment: 'share', status: 'assigned' },
  { student: 'lena', assignment: 'interview', status: 'approved', contact: 'Hannah Weiss', draft: [22, '12:00'], submitted: [22, '12:35'], reviewed: [15, '11:05'] },
  { student: 'lena', assignment: 'thanks', status: 'approved', contact: 'Marcus Bell', draft: [7, '20:10'], submitted: [7, '20:18'], reviewed: [6, '08:50'] },
  { student: 'lena', assignment: 'share', status: 'in_progress', contact: 'Hannah Weiss', draft: [1, '22:47'] },
  {
    student: 'sofia',
    assignment: 'interview',
    status: 'excused',
    excused: { reason: 'Joined the cohort after this was due; her informational interview at the Department of Labor for her transfer counts instead.', at: [11, '10:30'] },
  },
  // Late (due six days ago, submitted four days ago) and approved.
  { student: 'sofia', assignment: 'thanks', status: 'approved', contact: 'Daniel Kim', draft: [4, '19:00'], submitted: [4, '19:26'], reviewed: [2, '13:15'] },
  { student: 'sofia', assignment: 'share', status: 'assigned' },
];

/**
 * Contacts (added days ago) and the interactions logged with them: [kind, when, the homework whose
 * reflection recorded it (linked to that task, "from homework")].
 */
const NETWORK: { student: string; name: string; organization: string; role: string; sector: string; added: number; interactions: [string, When, DemoAssignmentKey?][] }[] = [
  {
    student: 'maya', name: 'Rosa Delgado', organization: 'City Planning Department', role: 'Senior planner', sector: 'Government', added: 30,
    interactions: [['informational_interview', [26, '12:30'], 'interview'], ['thank_you', [25, '09:10']], ['follow_up', [4, '17:45']]],
  },
  { student: 'maya', name: 'Tom Becker', organization: 'Open Streets Coalition', role: 'Campaign organizer', sector: 'Nonprofit', added: 12, interactions: [['introduction', [10, '16:00']], ['thank_you', [9, '08:20'], 'thanks']] },
  { student: 'maya', name: 'Alma Ruiz', organization: 'State Transit Agency', role: 'Service planning manager', sector: 'Government', added: 4, interactions: [['shared_article', [3, '21:00'], 'share']] },
  { student: 'jordan', name: 'Kai Nakamura', organization: 'Civic Data Lab', role: 'Data engineer', sector: 'Technology', added: 21, interactions: [['informational_interview', [20, '15:00'], 'interview'], ['thank_you', [19, '22:10']]] },
  { student: 'jordan', name: 'Grace Mensah', organization: 'County Health Office', role: 'Epidemiologist', sector: 'Government', added: 9, interactions: [['event', [9, '18:30']], ['thank_you', [6, '23:40'], 'thanks']] },
  {
    student: 'priya', name: 'Ines Duarte', organization: 'Literacy Works', role: 'Director of programs', sector: 'Nonprofit', added: 26,
    interactions: [['informational_interview', [25, '16:00'], 'interview'], ['thank_you', [24, '09:30']], ['shared_article', [2, '15:20'], 'share']],
  },
  { student: 'priya', name: 'Omar Haddad', organization: 'Riverside School District', role: 'Assistant superintendent', sector: 'Education', added: 14, interactions: [['introduction', [11, '10:00']], ['thank_you', [10, '19:00'], 'thanks']] },
  { student: 'lena', name: 'Hannah Weiss', organization: 'Department of Housing', role: 'Housing policy analyst', sector: 'Government', added: 24, interactions: [['informational_interview', [23, '13:00'], 'interview'], ['thank_you', [22, '08:15']]] },
  { student: 'lena', name: 'Marcus Bell', organization: 'Community Land Trust', role: 'Homeownership program manager', sector: 'Nonprofit', added: 11, interactions: [['informational_interview', [9, '14:00']], ['thank_you', [8, '09:05'], 'thanks']] },
  { student: 'sofia', name: 'Daniel Kim', organization: 'U.S. Department of Labor', role: 'Wage and hour investigator', sector: 'Government', added: 14, interactions: [['informational_interview', [13, '11:00']], ['thank_you', [5, '07:50'], 'thanks']] },
];

/**
 * Seeds the activity through ordinary inserts in the seed's tenant transaction, so the
 * dashboards' triggers keep their roll-ups exactly as they would for real work. Due dates are
 * the end of a local day in the career center's zone (local_day_end), like the API writes them.
 */
export async function seedDemoActivity(db: EntityManager, tenantId: string, advisorEmail: string): Promise<void> {
  const timezone = await tenantTimezone(db, tenantId);
  if (!timezone) throw new Error(`no such career center ${tenantId}`);
  const clock = zonedClock(timezone);
  const at = (when: When | undefined) => (when ? clock.at(when[0], when[1]) : null);
  const advisor = await userIdByEmail(db, tenantId, advisorEmail);
  if (!advisor) throw new Error(`the demo advisor ${advisorEmail} is missing`);

  const ids = new Map<string, string>(STUDENTS.map((s) => [s.key, randomUUID()]));
  const assignmentIds = new Map<DemoAssignmentKey, string>(ASSIGNMENTS.map((a) => [a.key, randomUUID()]));
  const cohortId = randomUUID();

  await insertDemoStudents(db, tenantId, STUDENTS.map((s) => ({ id: ids.get(s.key), email: s.email, name: s.name, student_id: s.studentId, joined: s.joined })));
  await insertDemoCohort(db, tenantId, cohortId, DEMO_ACTIVITY_COHORT);
  await insertDemoMembers(db, tenantId, cohortId, advisor, STUDENTS.map((s) => ({ id: ids.get(s.key), joined_at: clock.at(s.joined, '10:00') })));
  await insertDemoAssignments(db, tenantId, cohortId, advisor, ASSIGNMENTS.map((a) => ({ id: assignmentIds.get(a.key), title: a.title, opens: a.opens, due: a.due })));

  const contacts = NETWORK.map((c) => ({ ...c, id: randomUUID(), owner_id: ids.get(c.student), created_at: clock.at(c.added, '12:00') }));
  const contactOf = (student: string, name: string | undefined) => (name ? contacts.find((c) => c.student === student && c.name === name) : undefined);
  await insertDemoContacts(db, tenantId, contacts);

  const work = WORK.map((w): DemoWork => {
    const reflection = DEMO_REFLECTIONS[w.student]?.[w.assignment];
    const answers = reflection?.answers(clock.day) ?? null;
    const submitted = at(w.submitted);
    const draft = reflection?.revisedDraft?.(clock.day) ?? answers;
    const contact = contactOf(w.student, w.contact);
    const touched = [at(w.draft), submitted, at(w.reviewed), at(w.excused?.at), at(w.extension?.at)].filter((x): x is string => x !== null).sort();
    return {
      id: randomUUID(),
      submission_id: randomUUID(),
      review_id: randomUUID(),
      assignment_id: assignmentIds.get(w.assignment),
      student_id: ids.get(w.student),
      status: w.status,
      draft: w.draft || submitted ? draft : {},
      answers,
      contact_id: contact?.id ?? null,
      contact_name: contact?.name ?? null,
      contact_organization: contact?.organization ?? null,
      evidence: reflection?.evidence ?? null,
      draft_saved_at: at(w.draft) ?? submitted,
      submitted_at: submitted,
      reviewed_at: at(w.reviewed),
      review_comment: DEMO_REVIEWS[w.student]?.[w.assignment]?.comment ?? null,
      rubric_scores: DEMO_REVIEWS[w.student]?.[w.assignment]?.rubric ?? null,
      excused_reason: w.excused?.reason ?? null,
      extension_due: w.extension?.due ?? null,
      extension_reason: w.extension?.reason ?? null,
      extended_at: at(w.extension?.at),
      updated_at: touched.length ? touched[touched.length - 1] : null,
    };
  });
  await insertDemoTasks(db, tenantId, advisor, work);
  const submitted = work.filter((w) => w.submitted_at);
  await insertDemoSubmissions(db, tenantId, submitted);
  await insertDemoReviews(db, tenantId, advisor, submitted);

  // Interactions; the ones a submitted reflection recorded are linked to its task ("from homework").
  const taskOf = (student: string, assignment: DemoAssignmentKey | undefined) =>
    assignment ? work.find((w) => w.student_id === ids.get(student) && w.assignment_id === assignmentIds.get(assignment) && w.submitted_at)?.id : undefined;
  const interactions = contacts.flatMap((c) =>
    c.interactions.map(([kind, when, homework]) => ({ id: randomUUID(), contact_id: c.id, owner_id: c.owner_id, kind, at: clock.at(when[0], when[1]), task_id: taskOf(c.student, homework) ?? null })),
  );
  await insertDemoInteractions(db, tenantId, interactions);
}

const DAY_MS = 86_400_000;

/** Local days and wall-clock moments in `zone`, relative to today there. */
function zonedClock(zone: string, now = new Date()) {
  /** The zone's wall clock read as if it were UTC, in ms. */
  const wall = (ms: number) => {
    const w = wallTime(new Date(ms), zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  };
  const today = Math.floor(wall(now.getTime()) / DAY_MS) * DAY_MS;
  return {
    /** The local day `offset` days from today, YYYY-MM-DD. */
    day: (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10),
    /** The instant (ISO) of "HH:MM" local time `daysAgo` days ago. */
    at: (daysAgo: number, hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number);
      const target = today - daysAgo * DAY_MS + (h * 60 + m) * 60_000;
      let instant = target - (wall(target) - target);
      instant += target - wall(instant); // once more, across a daylight-saving change
      return new Date(instant).toISOString();
    },
  };
}
