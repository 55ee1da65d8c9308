import { isoTimes } from './iso-times';

describe('isoTimes', () => {
  it('turns every Date into ISO text and keeps every other field, in order', () => {
    const row = { id: 'a', createdAt: new Date('2026-01-02T03:04:05.678Z'), revokedAt: null as Date | null, active: true, count: 3, endsOn: '2026-05-01' };
    const summary: { id: string; createdAt: string; revokedAt: string | null; active: boolean; count: number; endsOn: string } = isoTimes(row);
    expect(summary).toEqual({ id: 'a', createdAt: '2026-01-02T03:04:05.678Z', revokedAt: null, active: true, count: 3, endsOn: '2026-05-01' });
    expect(Object.keys(summary)).toEqual(['id', 'createdAt', 'revokedAt', 'active', 'count', 'endsOn']);
  });

  it('leaves nested objects alone', () => {
    expect(isoTimes({ createdBy: { id: 'u', name: 'Ada' } })).toEqual({ createdBy: { id: 'u', name: 'Ada' } });
  });
});
