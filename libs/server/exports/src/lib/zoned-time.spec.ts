import { isoInZone, localDayIn } from './zoned-time';

describe('instants in the career center zone for CSV', () => {
  it.each([
    // America/New_York: EDT until 2026-11-01 02:00, EST after; EDT again from 2027-03-14 02:00.
    ['2026-11-01T03:59:59Z', 'America/New_York', '2026-10-31T23:59:59-04:00', '2026-10-31'],
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01T23:59:59-05:00', '2026-11-01'],
    ['2027-03-15T03:59:59Z', 'America/New_York', '2027-03-14T23:59:59-04:00', '2027-03-14'],
    ['2026-12-11T04:59:59.999Z', 'America/New_York', '2026-12-10T23:59:59-05:00', '2026-12-10'],
    // Europe/London: BST ends 2026-10-25, starts 2027-03-28.
    ['2026-10-25T23:59:59Z', 'Europe/London', '2026-10-25T23:59:59+00:00', '2026-10-25'],
    ['2027-03-28T22:59:59Z', 'Europe/London', '2027-03-28T23:59:59+01:00', '2027-03-28'],
    ['2026-12-10T14:59:59Z', 'Asia/Tokyo', '2026-12-10T23:59:59+09:00', '2026-12-10'],
    // Pacific/Auckland: NZDT starts 2026-09-27, ends 2027-04-04.
    ['2026-09-27T10:59:59Z', 'Pacific/Auckland', '2026-09-27T23:59:59+13:00', '2026-09-27'],
    ['2027-04-04T11:59:59Z', 'Pacific/Auckland', '2027-04-04T23:59:59+12:00', '2027-04-04'],
    ['2026-07-01T00:00:00Z', 'Asia/Kathmandu', '2026-07-01T05:45:00+05:45', '2026-07-01'],
    ['2026-07-01T00:30:00Z', 'UTC', '2026-07-01T00:30:00+00:00', '2026-07-01'],
  ])('%s in %s is %s, local day %s', (instant, zone, iso, day) => {
    expect(isoInZone(new Date(instant), zone)).toBe(iso);
    expect(localDayIn(new Date(instant), zone)).toBe(day);
    // The text names the same instant (to the second).
    expect(new Date(iso).getTime()).toBe(Math.floor(new Date(instant).getTime() / 1000) * 1000);
  });

  it('leaves empty cells empty', () => {
    expect(isoInZone(null, 'America/New_York')).toBeNull();
    expect(localDayIn(undefined, 'America/New_York')).toBeNull();
  });
});
