import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { mainNav, signIn } from './support/auth';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './support/env';
import { FieldworkApi, localDateInput, revealByLoadingMore, statusLine, uniqueStamp } from './support/fieldwork';

/** A seeded template: needs a linked contact, 3-criterion rubric (max 3 + 3 + 2 = 8 points). */
const TEMPLATE = 'Conduct an informational interview with someone in your chosen field';
const MEDIUM_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });

/** A required reflection field by its prompt label ("Organization" → "Organization (required)"). */
function required(scope: Locator, label: string): Locator {
  return scope.getByLabel(`${label} (required)`, { exact: true });
}

/** The reflection form's autosave line once it says the draft is saved ("Saved at 8:14 PM"). */
function savedStatus(page: Page): Locator {
  return statusLine(page.getByRole('form', { name: 'Your reflection' }), /Saved at \d{1,2}:\d{2}/);
}

test('advisor assigns homework, student submits and revises, advisor reviews and approves', async ({
  page: advisor,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(240_000);
  const stamp = uniqueStamp();
  const cohortName = `E2E Homework ${stamp}`;
  const contactName = `Jordan Planner ${stamp}`;
  const contactOrg = `City Planning Office ${stamp}`;
  const surprise = `How much of the job is listening to residents (${stamp}).`;
  const revisedSurprise = `Planners spend most of a week in community meetings, not drawing maps (${stamp}).`;
  const revisionComment = `Please say more about what surprised you, with one concrete example (${stamp}).`;
  const today = localDateInput(0);
  const dueOn = localDateInput(7);

  // Setup through the API: a fresh cohort with the demo advisor and student.
  const admin = await FieldworkApi.signIn(request, {
    tenant: DEMO_TENANT,
    email: DEMO_USERS.admin.email,
    password: DEMO_PASSWORD,
  });
  const advisorUser = await admin.userByEmail(DEMO_USERS.advisor.email);
  const studentUser = await admin.userByEmail(DEMO_USERS.student.email);
  const cohort = await admin.createCohort(cohortName, { advisors: [advisorUser.id], students: [studentUser.id] });

  const studentContext = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const student = await studentContext.newPage();
  try {
    let taskId = '';

    await test.step('advisor opens the cohort and assigns the informational interview', async () => {
      await signIn(advisor, { tenant: DEMO_TENANT, email: DEMO_USERS.advisor.email, password: DEMO_PASSWORD });
      await expectNoSeriousA11yViolations(advisor, 'advisor home');

      await mainNav(advisor).getByRole('link', { name: 'Cohorts' }).click();
      await expect(advisor).toHaveTitle(/Cohorts · Fieldwork/);
      await expect(advisor.getByRole('heading', { level: 1, name: 'Cohorts' })).toBeVisible();
      await expect(statusLine(advisor, /^\d+ cohorts?/)).toBeVisible();
      const cohortLink = advisor.getByRole('link', { name: cohortName, exact: true });
      await revealByLoadingMore(cohortLink, advisor.getByRole('button', { name: 'Load more cohorts' }));
      await expectNoSeriousA11yViolations(advisor, 'advisor cohorts');

      await cohortLink.click();
      await expect(advisor.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
      await expect(advisor).toHaveTitle(`${cohortName} · Fieldwork`);
      await expect(advisor.getByRole('main')).toContainText('1 student · 1 advisor');
      await expect(advisor.getByText('No homework assigned yet.')).toBeVisible();
      const roster = advisor.getByRole('table', { name: `People in ${cohortName}` });
      await expect(
        roster.getByRole('row').filter({ hasText: DEMO_USERS.student.email }).getByRole('cell', { name: 'Student', exact: true }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(advisor, 'advisor cohort page (no homework yet)');

      await advisor.getByRole('link', { name: 'Assign homework' }).click();
      await expect(advisor.getByRole('heading', { level: 1, name: `Assign homework to ${cohortName}` })).toBeVisible();
      const template = advisor.getByRole('radio', { name: TEMPLATE });
      await expect(template).toBeVisible();
      await template.check();
      await expect(advisor.getByRole('heading', { level: 2, name: `Preview: ${TEMPLATE}` })).toBeVisible();
      await advisor.getByLabel('Opens on').fill(today);
      await expect(advisor.getByRole('radio', { name: 'On a fixed date' })).toBeChecked();
      await advisor.getByLabel('Due on').fill(dueOn);
      await expectNoSeriousA11yViolations(advisor, 'assign page with a template chosen');

      await advisor.getByRole('button', { name: 'Assign homework' }).click();
      const done = advisor.getByRole('heading', { level: 2, name: 'Assigned to 1 student' });
      await expect(done).toBeVisible();
      await expect(done).toBeFocused();
      await expect(advisor.getByRole('main')).toContainText(`“${TEMPLATE}” is now on their task lists.`);
      await expectNoSeriousA11yViolations(advisor, 'assign page after assigning');

      await advisor.getByRole('link', { name: `Back to ${cohortName}` }).click();
      await expect(advisor.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
      const assignment = advisor.getByRole('listitem').filter({ has: advisor.getByRole('heading', { level: 3, name: TEMPLATE }) });
      await expect(assignment).toHaveCount(1);
      const dueDate = new Date(Number(dueOn.slice(0, 4)), Number(dueOn.slice(5, 7)) - 1, Number(dueOn.slice(8, 10)));
      await expect(assignment).toContainText(`Due ${MEDIUM_DATE.format(dueDate)}`);
      await expectNoSeriousA11yViolations(advisor, 'advisor cohort page with homework');

      // Which task is this run's (the demo student has the same title from other runs): look it up.
      const tasks = await admin.tasksOfCohort(cohort.id);
      expect(tasks.map((t) => [t.title, t.student.id, t.status])).toEqual([[TEMPLATE, studentUser.id, 'assigned']]);
      taskId = tasks[0].id;
    });

    const taskLink = () => student.getByRole('link', { name: TEMPLATE }).and(student.locator(`[href="/tasks/${taskId}"]`));
    const taskCard = () => student.getByRole('listitem').filter({ has: taskLink() });

    await test.step('student fills the reflection, adds a new contact inline, and submits', async () => {
      await signIn(student, { tenant: DEMO_TENANT, email: DEMO_USERS.student.email, password: DEMO_PASSWORD });
      await expectNoSeriousA11yViolations(student, 'student home');
      await mainNav(student).getByRole('link', { name: 'My tasks' }).click();
      await expect(student).toHaveTitle(/My tasks · Fieldwork/);
      await expect(student.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
      await expect(student.getByRole('button', { name: 'All open' })).toHaveAttribute('aria-pressed', 'true');
      await expect(statusLine(student, /\d+ tasks? · All open/)).toBeVisible();
      await revealByLoadingMore(taskLink(), student.getByRole('button', { name: 'Load more tasks' }));
      await expect(taskCard()).toContainText('To do');
      await expect(taskCard()).toContainText(/due in 7 days/);
      await expectNoSeriousA11yViolations(student, 'student my tasks');

      await taskLink().click();
      await expect(student.getByRole('heading', { level: 1, name: TEMPLATE })).toBeVisible();
      await expect(student).toHaveTitle(`${TEMPLATE} · Fieldwork`);
      await expect(student.getByRole('heading', { level: 2, name: 'What to do' })).toBeVisible();
      await expect(student.getByText('Nothing submitted yet.')).toBeVisible();
      const form = student.getByRole('form', { name: 'Your reflection' });
      const contact = form.getByRole('combobox', { name: /^Who was it with\?/ });
      await expect(contact).not.toHaveAttribute('aria-busy', 'true');
      await expectNoSeriousA11yViolations(student, 'task page, empty reflection');

      // Inline "Add a contact": creates the person and chooses them.
      const addButton = form.getByRole('button', { name: 'Add a contact' });
      await addButton.click();
      const addGroup = form.getByRole('group', { name: 'Add a contact' });
      await expect(addGroup).toBeVisible();
      await expect(form.getByRole('button', { name: 'Cancel' })).toHaveAttribute('aria-expanded', 'true');
      await expect(addGroup.getByLabel('Name (required)', { exact: true })).toBeFocused();
      await addGroup.getByLabel('Name (required)', { exact: true }).fill(contactName);
      await addGroup.getByLabel('Organization', { exact: true }).fill(contactOrg);
      await addGroup.getByLabel('Role', { exact: true }).fill('Senior urban planner');
      await expectNoSeriousA11yViolations(student, 'task page with the add-a-contact form open');
      await addGroup.getByRole('button', { name: 'Add and choose' }).click();
      await expect(addGroup).toHaveCount(0);
      await expect(statusLine(form, `Added ${contactName} to your network and chose them for this reflection.`)).toBeVisible();
      await expect(contact.locator('option:checked')).toHaveText(`${contactName} — Senior urban planner at ${contactOrg}`);
      await expect(contact).toBeFocused();

      // The answers (choices and dates included).
      await required(form, 'Organization').fill(contactOrg);
      await required(form, 'Their role').fill('Senior urban planner');
      await required(form, 'Date of the conversation').fill(today);
      await form.getByRole('group', { name: /^How did you talk\?/ }).getByRole('radio', { name: 'Video call' }).check();
      await required(form, 'What did you learn about the work itself?').fill(
        'Most of the work is reviewing development applications against the zoning code.',
      );
      await required(form, 'What did you learn about the culture of the organization?').fill(
        'Collaborative and slow-moving; decisions go through several public meetings.',
      );
      await required(form, 'How would you fit there? What would you bring, and what would you need to learn?').fill(
        'I bring GIS skills; I need to learn the state planning law.',
      );
      await required(form, 'What surprised you?').fill(surprise);
      await form.getByLabel('Referrals or names you were given (optional)', { exact: true }).fill('Their colleague in transportation planning.');
      await required(form, 'Your next steps').fill('Read the comprehensive plan and attend the next planning commission meeting.');
      await required(form, 'When will you follow up with them?').fill(localDateInput(14));
      await form.getByRole('group', { name: /^How confident do you feel/ }).getByRole('radio', { name: '4', exact: true }).check();
      await student.keyboard.press('Tab'); // leaving a field saves at once

      // The draft is autosaved: the visible status says so, and it survives a reload.
      await expect(savedStatus(student)).toBeVisible();
      await expectNoSeriousA11yViolations(student, 'task page with a saved draft');
      await student.reload();
      await expect(student.getByRole('heading', { level: 1, name: TEMPLATE })).toBeVisible();
      await expect(required(form, 'What surprised you?')).toHaveValue(surprise);
      await expect(required(form, 'Date of the conversation')).toHaveValue(today);
      await expect(form.getByRole('radio', { name: 'Video call' })).toBeChecked();
      await expect(contact.locator('option:checked')).toHaveText(`${contactName} — Senior urban planner at ${contactOrg}`);
      await expect(student.locator('.badges').getByText('In progress')).toBeVisible();

      await form.getByRole('button', { name: 'Submit reflection' }).click();
      const confirmation = student.getByRole('status').filter({ has: student.getByRole('heading', { name: 'Reflection submitted' }) });
      await expect(confirmation).toBeVisible();
      await expect(confirmation).toContainText('Version 1 is with your advisor');
      await expect(confirmation).toContainText('Status: Submitted');
      await expect(confirmation).toBeFocused();
      await expect(form).toHaveCount(0);
      await expect(student.getByRole('main')).toContainText('waiting for your advisor’s review');
      const history = student.getByRole('region', { name: 'Submission history' });
      await expect(history.getByRole('heading', { level: 3, name: /^Version 1 submitted/ })).toBeVisible();
      await expect(history).toContainText('Waiting for your advisor’s review.');
      await expectNoSeriousA11yViolations(student, 'task page after submitting');
    });

    const queueRow = () =>
      advisor.getByRole('row').filter({ has: advisor.getByRole('rowheader', { name: studentUser.name, exact: true }) });

    await test.step('advisor asks for a revision from the review queue', async () => {
      await mainNav(advisor).getByRole('link', { name: 'Reviews' }).click();
      await expect(advisor).toHaveTitle(/Reviews · Fieldwork/);
      await expect(advisor.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
      await advisor.getByLabel('Cohort').selectOption({ label: cohortName });
      await expect(advisor).toHaveURL(new RegExp(`cohortId=${cohort.id}`));
      await expect(statusLine(advisor, '1 reflection waiting for review.')).toBeVisible();
      await expect(queueRow()).toHaveCount(1);
      await expect(queueRow()).toContainText(TEMPLATE);
      await expect(queueRow()).toContainText(cohortName);
      await expectNoSeriousA11yViolations(advisor, 'review queue');

      await queueRow().getByRole('link', { name: `Review ${studentUser.name}: ${TEMPLATE}` }).click();
      await expect(advisor.getByRole('heading', { level: 1, name: TEMPLATE })).toBeVisible();
      await expect(advisor.getByRole('main')).toContainText(`${studentUser.name} · ${cohortName}`);
      const reflection = advisor.getByRole('region', { name: 'Reflection' });
      await expect(reflection).toContainText(`${contactName}, ${contactOrg}`);
      await expect(reflection).toContainText(surprise);
      await expect(reflection).toContainText('Video call');
      await expect(advisor.getByRole('group', { name: 'Preparation and questions' })).toBeVisible();
      await expectNoSeriousA11yViolations(advisor, 'review page (version 1)');

      // A revision needs a comment: the form says so beside the field.
      const comment = advisor.getByLabel(`Comment for ${studentUser.name}`);
      await advisor.getByRole('button', { name: 'Ask for a revision' }).click();
      await expect(comment).toHaveAttribute('aria-invalid', 'true');
      await expect(comment).toBeFocused();
      await expect(advisor.getByText('Tell the student what to change: a revision needs a comment.')).toBeVisible();
      await expectNoSeriousA11yViolations(advisor, 'review page with a missing comment');
      await comment.fill(revisionComment);
      await expect(comment).not.toHaveAttribute('aria-invalid', 'true');
      await advisor.getByRole('button', { name: 'Ask for a revision' }).click();
      await expect(advisor).toHaveURL(/\/reviews\?cohortId=/);
      await expect(advisor.getByText(`Asked ${studentUser.name} to revise “${TEMPLATE}”. Nothing else is waiting for review.`)).toBeVisible();
      await expect(advisor.getByText('Nothing is waiting for review. Well done!')).toBeVisible();
      await expectNoSeriousA11yViolations(advisor, 'review queue after asking for a revision');
    });

    await test.step('student sees the revision request, changes an answer and resubmits', async () => {
      await mainNav(student).getByRole('link', { name: 'My tasks' }).click();
      await expect(student.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
      await student.getByRole('button', { name: 'Needs revision' }).click();
      await expect(student.getByRole('button', { name: 'Needs revision' })).toHaveAttribute('aria-pressed', 'true');
      await expect(statusLine(student, /\d+ tasks? · Needs revision/)).toBeVisible();
      await revealByLoadingMore(taskLink(), student.getByRole('button', { name: 'Load more tasks' }));
      await expect(taskCard()).toContainText('Needs revision');
      await expectNoSeriousA11yViolations(student, 'my tasks, needs revision');

      await taskLink().click();
      await expect(student.getByRole('heading', { level: 1, name: TEMPLATE })).toBeVisible();
      const request = student.getByRole('region', { name: /^Your advisor asked for a revision/ });
      await expect(request).toBeVisible();
      await expect(request).toContainText(revisionComment);
      await expect(request).toContainText(`by ${advisorUser.name}`);
      const history = student.getByRole('region', { name: 'Submission history' });
      await expect(history.getByRole('region', { name: 'Feedback on version 1' })).toContainText('Revision requested');
      await expectNoSeriousA11yViolations(student, 'task page with a revision request');

      const form = student.getByRole('form', { name: 'Your reflection' });
      const surpriseField = required(form, 'What surprised you?');
      // The revision starts from what was submitted.
      await expect(surpriseField).toHaveValue(surprise);
      await surpriseField.fill(revisedSurprise);
      await student.keyboard.press('Tab');
      await expect(savedStatus(student)).toBeVisible();

      await form.getByRole('button', { name: 'Submit revision' }).click();
      const confirmation = student.getByRole('status').filter({ has: student.getByRole('heading', { name: 'Reflection submitted' }) });
      await expect(confirmation).toContainText('Version 2 is with your advisor');
      await expect(history.getByRole('heading', { level: 3, name: /^Version 2 submitted/ })).toBeVisible();
      await expect(history.getByRole('heading', { level: 3, name: /^Version 1 submitted/ })).toBeVisible();
      await expectNoSeriousA11yViolations(student, 'task page after resubmitting');
    });

    await test.step('advisor approves version 2 with rubric scores', async () => {
      await advisor.reload();
      await expect(advisor.getByLabel('Cohort')).toHaveValue(cohort.id);
      await expect(statusLine(advisor, '1 reflection waiting for review.')).toBeVisible();
      await expect(queueRow()).toContainText('Version 2');
      await expectNoSeriousA11yViolations(advisor, 'review queue with version 2');

      await queueRow().getByRole('link', { name: `Review ${studentUser.name}: ${TEMPLATE}` }).click();
      await expect(advisor.getByRole('heading', { level: 1, name: TEMPLATE })).toBeVisible();
      const reflection = advisor.getByRole('region', { name: /^Reflection/ });
      await expect(reflection.getByRole('heading', { level: 2 })).toContainText('Version 2');
      await expect(reflection.locator('dl').first()).toContainText(revisedSurprise);
      const earlier = reflection.locator('details').filter({ hasText: 'Version 1' });
      await expect(earlier.locator('summary')).toContainText('revision requested');
      await earlier.locator('summary').click();
      await expect(earlier).toContainText(revisionComment);
      await expect(earlier).toContainText(surprise);

      await advisor.getByRole('group', { name: 'Preparation and questions' }).getByRole('radio', { name: /^Well-researched, specific questions/ }).check();
      await advisor
        .getByRole('group', { name: 'What was learned about the work and the culture' })
        .getByRole('radio', { name: /^Some insight beyond the website/ })
        .check();
      await advisor.getByRole('group', { name: 'Next steps and follow-up' }).getByRole('radio', { name: /^Concrete, dated next steps/ }).check();
      await expect(advisor.getByText(/Total:\s*7\s*of 8 points/)).toBeVisible();
      await expect(advisor.getByText('(3 of 3 criteria scored)')).toBeVisible();
      await expectNoSeriousA11yViolations(advisor, 'review page (version 2, scored)');

      await advisor.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect(advisor).toHaveURL(/\/reviews\?cohortId=/);
      await expect(advisor.getByText(`Approved ${studentUser.name}’s “${TEMPLATE}”. Nothing else is waiting for review.`)).toBeVisible();
      await expect(advisor.getByText('Nothing is waiting for review. Well done!')).toBeVisible();
      await expectNoSeriousA11yViolations(advisor, 'review queue after approving');
    });

    await test.step('student sees "Approved" with the scores', async () => {
      await student.reload();
      await expect(student.getByRole('heading', { level: 1, name: TEMPLATE })).toBeVisible();
      const approved = student.getByRole('region', { name: 'Approved — well done' });
      await expect(approved).toBeVisible();
      await expect(approved).toContainText(`by ${advisorUser.name}`);
      await expect(approved).toContainText('Total: 7 / 8 points');
      await expect(approved).toContainText('Well-researched, specific questions');
      await expect(student.locator('.page-header .badges')).toContainText('Approved');
      await expect(student.getByRole('form', { name: 'Your reflection' })).toHaveCount(0);
      await expect(student.getByRole('main')).toContainText('This is your final version.');
      await expectNoSeriousA11yViolations(student, 'task page, approved');

      await mainNav(student).getByRole('link', { name: 'My tasks' }).click();
      await expect(student.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
      await student.getByRole('button', { name: 'Approved', exact: true }).click();
      await expect(statusLine(student, /\d+ tasks? · Approved/)).toBeVisible();
      await revealByLoadingMore(taskLink(), student.getByRole('button', { name: 'Load more tasks' }));
      await expect(taskCard()).toContainText('Approved');
      await expectNoSeriousA11yViolations(student, 'my tasks, approved');
    });
  } finally {
    await studentContext.close();
    // Keep the shared product's live lists from growing with every run.
    await admin.archiveCohort(cohort.id).catch(() => undefined);
  }
});
