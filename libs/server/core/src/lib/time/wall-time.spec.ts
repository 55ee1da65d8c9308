import { wallTime } from './wall-time';

describe('wallTime', () => {
  it('reads the clock of the zone, across a daylight-saving change', () => {
    expect(wallTime(new Date('2026-12-10T04:59:59Z'), 'America/New_York')).toEqual({ year: 2026, month: 12, day: 9, hour: 23, minute: 59, second: 59 });
    expect(wallTime(new Date('2026-07-01T00:30:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 6, day: 30, hour: 20, minute: 30, second: 0 });
    expect(wallTime(new Date('2026-07-01T00:30:00Z'), 'UTC').hour).toBe(0);
  });
});
