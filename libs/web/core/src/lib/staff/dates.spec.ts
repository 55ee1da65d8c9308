import { dateInputToIso, dateRangeText, daysAgoText, daysText, formatDay, formatShortDay, isoToDateInput, todayInput } from './dates';

describe('date helpers', () => {
  it('turns a date input into the start or the end of that local day', () => {
    const start = new Date(dateInputToIso('2026-03-05', 'start') ?? '');
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours()]).toEqual([2026, 2, 5, 0]);
    const end = new Date(dateInputToIso('2026-03-05', 'end') ?? '');
    expect([end.getDate(), end.getHours(), end.getMinutes()]).toEqual([5, 23, 59]);
    expect(dateInputToIso('2026-02-30', 'start')).toBeNull();
    expect(dateInputToIso('', 'start')).toBeNull();
  });

  it('round-trips to the date input', () => {
    expect(isoToDateInput(dateInputToIso('2026-12-31', 'end'))).toBe('2026-12-31');
    expect(isoToDateInput('2026-01-02')).toBe('2026-01-02');
    expect(isoToDateInput(null)).toBe('');
    expect(isoToDateInput('nonsense')).toBe('');
  });

  it('knows today and counts days', () => {
    expect(todayInput(0, new Date(2026, 0, 31, 15))).toBe('2026-01-31');
    expect(todayInput(1, new Date(2026, 0, 31, 15))).toBe('2026-02-01');
    expect(daysText(1)).toBe('1 day');
    expect(daysText(14)).toBe('14 days');
  });
});

describe('date text', () => {
  it('formats calendar dates without shifting them across time zones', () => {
    expect(formatDay('2026-09-01')).toBe('Sep 1, 2026');
    expect(formatDay(null)).toBe('');
    expect(dateRangeText('2026-09-01', '2026-12-15')).toBe('Sep 1, 2026 – Dec 15, 2026');
    expect(dateRangeText('2026-09-01', null)).toBe('From Sep 1, 2026');
    expect(dateRangeText(null, '2026-12-15')).toBe('Until Dec 15, 2026');
    expect(dateRangeText(null, null)).toBe('No dates set');
  });

  it('says how long ago something happened', () => {
    const now = new Date(2026, 2, 10, 9);
    expect(daysAgoText(new Date(2026, 2, 10, 1).toISOString(), now)).toBe('today');
    expect(daysAgoText(new Date(2026, 2, 9, 23).toISOString(), now)).toBe('yesterday');
    expect(daysAgoText(new Date(2026, 2, 1, 12).toISOString(), now)).toBe('9 days ago');
  });
});

describe('staff dates in the career center\'s zone', () => {
  const ny = 'America/New_York';

  it('turns a date input into the start or the last second of that day in the zone', () => {
    expect(dateInputToIso('2026-12-10', 'end', ny)).toBe('2026-12-11T04:59:59.000Z');
    expect(dateInputToIso('2027-03-14', 'end', ny)).toBe('2027-03-15T03:59:59.000Z');
    expect(dateInputToIso('2026-12-10', 'start', 'Asia/Tokyo')).toBe('2026-12-09T15:00:00.000Z');
    expect(dateInputToIso('2026-02-30', 'end', ny)).toBeNull();
  });

  it('shows an instant as the day it falls on in the zone', () => {
    // 03:00 UTC on Dec 11 is still Dec 10 in New York.
    expect(isoToDateInput('2026-12-11T03:00:00Z', ny)).toBe('2026-12-10');
    expect(isoToDateInput('2026-12-11T03:00:00Z', 'Europe/London')).toBe('2026-12-11');
    expect(formatDay('2026-12-11T03:00:00Z', ny)).toBe('Dec 10, 2026');
    expect(formatDay('2026-12-10', 'Asia/Tokyo')).toBe('Dec 10, 2026');
    expect(formatShortDay('2026-12-11T03:00:00Z', ny, new Date('2026-06-01T12:00:00Z'))).toBe('Dec 10');
    expect(formatShortDay('2027-01-02', ny, new Date('2026-06-01T12:00:00Z'))).toBe('Jan 2, 2027');
  });

  it('knows today and counts days ago in the zone', () => {
    const now = new Date('2026-12-09T03:30:00Z'); // Dec 8, 10:30 PM in New York
    expect(todayInput(0, now, ny)).toBe('2026-12-08');
    expect(todayInput(0, now, 'Europe/London')).toBe('2026-12-09');
    expect(todayInput(14, now, ny)).toBe('2026-12-22');
    expect(daysAgoText('2026-12-08T06:00:00Z', now, ny)).toBe('today');
    expect(daysAgoText('2026-12-08T06:00:00Z', now, 'Europe/London')).toBe('yesterday');
  });
});
