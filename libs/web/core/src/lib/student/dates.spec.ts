import { autosaveMessage, taskBadges } from './task-view';
import { calendarDayDiff, dateTimeText, describeDue, localDateInput, pastDateInputToIso, shortDateText, timeText } from './dates';
import { localDayEndIso, localDayStartIso } from '../zoned-time';

describe('student dates', () => {
  // The browser-local behaviour, in the zone Jest runs in (the default zone when no one is signed in).
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = new Date(2026, 2, 1, 10, 0); // Mar 1 2026, 10:00 local

  it('describes a due date relatively and absolutely, with its time', () => {
    expect(describeDue(new Date(2026, 2, 3, 17, 0), now).text).toBe('due in 2 days · Mar 3, 5:00 PM');
    expect(describeDue(new Date(2026, 2, 2, 17, 0), now).text).toBe('due tomorrow · Mar 2, 5:00 PM');
    expect(describeDue(new Date(2026, 2, 1, 17, 0), now).relative).toBe('due today');
    expect(describeDue(new Date(2026, 2, 1, 9, 0), now).relative).toBe('was due today');
    expect(describeDue(new Date(2026, 1, 28, 9, 0), now).relative).toBe('was due yesterday');
    expect(describeDue(new Date(2026, 1, 20, 9, 0), now).text).toBe('was due 9 days ago · Feb 20, 9:00 AM');
    expect(describeDue(new Date(2027, 0, 5, 9, 0), now, local).absolute).toBe('Jan 5, 2027, 9:00 AM');
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

describe('student dates in the career center\'s zone', () => {
  const ny = 'America/New_York';
  // Dec 9 2026, 03:30 UTC: still Dec 8 (10:30 PM) in New York.
  const now = new Date('2026-12-09T03:30:00Z');
  // The end of Dec 10 in New York (EST): 2026-12-11T04:59:59Z, already Dec 11 in UTC and London.
  const dueDec10 = '2026-12-11T04:59:59Z';

  it('counts local days in the tenant zone, wherever the browser is', () => {
    expect(describeDue(dueDec10, now, ny, ny).text).toBe('due in 2 days · Dec 10, 11:59 PM');
    expect(describeDue(dueDec10, now, ny, 'Europe/London').text).toBe('due in 2 days · Dec 10, 11:59 PM ET');
    expect(describeDue(dueDec10, new Date('2026-12-10T05:00:00Z'), ny, ny).relative).toBe('due today');
    expect(describeDue(dueDec10, new Date('2026-12-11T05:00:00Z'), ny, ny).relative).toBe('was due yesterday');
    // The same instants counted in London: a different local day.
    expect(describeDue(dueDec10, now, 'Europe/London', 'Europe/London').text).toBe('due in 2 days · Dec 11, 4:59 AM');
    expect(calendarDayDiff(now, new Date(dueDec10), ny)).toBe(2);
  });

  it('formats dates and times in the zone', () => {
    expect(shortDateText(dueDec10, now, ny)).toBe('Dec 10');
    expect(timeText(dueDec10, ny)).toBe('11:59 PM');
    expect(dateTimeText(dueDec10, now, ny, 'Europe/London')).toBe('Dec 10, 11:59 PM ET');
    expect(dateTimeText(dueDec10, now, 'Asia/Tokyo', 'Asia/Tokyo')).toBe('Dec 11, 1:59 PM');
  });

  it('reads a date input as a day in the zone', () => {
    expect(localDateInput(now, ny)).toBe('2026-12-08');
    expect(localDateInput(now, 'Europe/London')).toBe('2026-12-09');
    // Noon in New York on Dec 1 (EST, UTC-5).
    expect(pastDateInputToIso('2026-12-01', now, ny)).toBe('2026-12-01T17:00:00.000Z');
    expect(pastDateInputToIso('2026-12-08', now, ny)).toBe(now.toISOString());
  });

  it('finds a local day\'s start and end across daylight-saving changes', () => {
    expect(localDayEndIso('2027-03-14', ny)).toBe('2027-03-15T03:59:59.000Z');
    expect(localDayEndIso('2026-11-01', ny)).toBe('2026-11-02T04:59:59.000Z');
    expect(localDayStartIso('2027-03-14', ny)).toBe('2027-03-14T05:00:00.000Z');
    expect(localDayStartIso('2026-11-01', ny)).toBe('2026-11-01T04:00:00.000Z');
    expect(localDayEndIso('2026-10-04', 'Pacific/Auckland')).toBe('2026-10-04T10:59:59.000Z');
    expect(localDayEndIso('2026-12-10', 'Asia/Tokyo')).toBe('2026-12-10T14:59:59.000Z');
    expect(localDayEndIso('2026-02-30', ny)).toBeNull();
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
