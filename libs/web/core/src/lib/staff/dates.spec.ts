import { dateInputToIso, dateRangeText, daysAgoText, daysText, formatDay, isoToDateInput, todayInput } from './dates';

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
