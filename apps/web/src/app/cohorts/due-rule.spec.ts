import { dueDayHelp, dueText, readDue } from './due-rule';
import { addedMessage } from './add-members';
import { groupByCategory } from './assign-page';
import type { Template } from '@fieldwork/contracts';

describe('due rules', () => {
  it('describes fixed and relative due dates', () => {
    expect(dueText({ dueAt: null, dueDaysAfterJoin: 14 })).toBe('Due 14 days after each student joins');
    expect(dueText({ dueAt: null, dueDaysAfterJoin: 1 })).toBe('Due 1 day after each student joins');
    expect(dueText({ dueAt: '2027-01-15', dueDaysAfterJoin: null })).toBe('Due Jan 15, 2027');
    // The local due day wins over the instant (which is already the next day in UTC).
    expect(dueText({ dueAt: '2026-12-11T04:59:59Z', dueOn: '2026-12-10', dueDaysAfterJoin: null })).toBe('Due Dec 10, 2026');
    expect(dueDayHelp('2026-12-10', 'America/New_York', new Date('2026-11-30T12:00:00Z'))).toBe(
      'Due Dec 10 (end of day, America/New_York)',
    );
    expect(dueDayHelp('2026-02-30', 'America/New_York')).toBe('');
  });

  it('checks a due rule before sending it', () => {
    const fixed = readDue({ mode: 'fixed', date: '2027-01-15', days: '' }, '2027-01-01');
    // A local day for the API (due at 23:59:59 in the career center's zone), not a browser-computed instant.
    expect(fixed).toEqual({ ok: true, value: { dueOn: '2027-01-15' } });
    expect(readDue({ mode: 'fixed', date: '2027-02-30', days: '' })).toMatchObject({ ok: false, field: 'dueAt' });
    expect(readDue({ mode: 'fixed', date: '2026-12-01', days: '' }, '2027-01-01')).toEqual({
      ok: false,
      field: 'dueAt',
      message: 'The due date must be on or after the opening date.',
    });
    expect(readDue({ mode: 'fixed', date: '', days: '' })).toMatchObject({ ok: false, field: 'dueAt' });
    expect(readDue({ mode: 'relative', date: '', days: ' 10 ' })).toEqual({ ok: true, value: { dueDaysAfterJoin: 10 } });
    for (const days of ['0', '366', '2.5', 'ten']) {
      expect(readDue({ mode: 'relative', date: '', days })).toMatchObject({ ok: false, field: 'dueDaysAfterJoin' });
    }
  });

  it('reports what adding people did', () => {
    expect(addedMessage(3, 6, 'student')).toBe("Added 3 students. 6 tasks were created from this cohort's homework.");
    expect(addedMessage(1, 0, 'advisor')).toBe('Added 1 advisor.');
    expect(addedMessage(0, 0, 'student')).toBe('No one was added: they were already in this cohort.');
  });

  it('groups templates by category in curriculum order', () => {
    const t = (id: string, title: string, category: Template['category']) => ({ id, title, category }) as Template;
    const groups = groupByCategory([t('1', 'Zed', 'follow-up'), t('2', 'B', 'gather-information'), t('3', 'A', 'gather-information')]);
    expect(groups.map((g) => [g.category, g.templates.map((x) => x.title)])).toEqual([
      ['gather-information', ['A', 'B']],
      ['follow-up', ['Zed']],
    ]);
  });
});
