import { autosaveMessage, taskBadges } from './task-view';
import { calendarDayDiff, describeDue, localDateInput, pastDateInputToIso, shortDateText } from './dates';

describe('student dates', () => {
  const now = new Date(2026, 2, 1, 10, 0); // Mar 1 2026, 10:00 local

  it('describes a due date relatively and absolutely', () => {
    expect(describeDue(new Date(2026, 2, 3, 17, 0), now).text).toBe('due in 2 days · Mar 3');
    expect(describeDue(new Date(2026, 2, 2, 17, 0), now).text).toBe('due tomorrow · Mar 2, 5:00 PM');
    expect(describeDue(new Date(2026, 2, 1, 17, 0), now).relative).toBe('due today');
    expect(describeDue(new Date(2026, 2, 1, 9, 0), now).relative).toBe('was due today');
    expect(describeDue(new Date(2026, 1, 28, 9, 0), now).relative).toBe('was due yesterday');
    expect(describeDue(new Date(2026, 1, 20, 9, 0), now).text).toBe('was due 9 days ago · Feb 20');
    expect(describeDue(new Date(2027, 0, 5, 9, 0), now).absolute).toBe('Jan 5, 2027');
    expect(describeDue('not a date', now).text).toBe('');
  });

  it('counts calendar days, not 24-hour periods', () => {
    expect(calendarDayDiff(new Date(2026, 2, 1, 23, 0), new Date(2026, 2, 2, 1, 0))).toBe(1);
    expect(shortDateText(new Date(2026, 11, 31), now)).toBe('Dec 31');
  });

  it('turns a date input into an instant that is never in the future', () => {
    expect(localDateInput(now)).toBe('2026-03-01');
    expect(pastDateInputToIso('2026-03-01', now)).toBe(now.toISOString());
    expect(pastDateInputToIso('2026-02-27', now)).toBe(new Date(2026, 1, 27, 12).toISOString());
    expect(pastDateInputToIso('2026-02-31', now)).toBeNull();
    expect(pastDateInputToIso('yesterday', now)).toBeNull();
  });
});

describe('task view helpers', () => {
  it('badges the status and due state', () => {
    expect(taskBadges({ status: 'in_progress', dueSoon: true, overdue: false, late: false })).toEqual([
      { label: 'In progress', kind: 'in-progress' },
      { label: 'Due soon', kind: 'due-soon' },
    ]);
    expect(
      taskBadges({ status: 'assigned', dueSoon: true, overdue: true, late: false }).map((b) => b.label),
    ).toEqual(['To do', 'Overdue']);
    expect(taskBadges({ status: 'submitted', dueSoon: false, overdue: false, late: true }).map((b) => b.label)).toEqual([
      'Submitted',
      'Late',
    ]);
  });

  it('words the autosave status', () => {
    const now = new Date(2026, 2, 3, 16, 0);
    expect(autosaveMessage({ kind: 'saving' }, now)).toBe('Saving…');
    expect(autosaveMessage({ kind: 'saved', savedAt: new Date(2026, 2, 3, 15, 4).toISOString() }, now)).toBe(
      'Saved at 3:04 PM',
    );
    expect(autosaveMessage({ kind: 'saved', savedAt: new Date(2026, 2, 2, 15, 4).toISOString() }, now)).toBe(
      'Saved Mar 2, 3:04 PM',
    );
    expect(autosaveMessage({ kind: 'retrying', attempt: 1 }, now)).toBe('Couldn’t save — retrying');
    expect(autosaveMessage({ kind: 'idle' }, now)).toBe('');
  });
});
