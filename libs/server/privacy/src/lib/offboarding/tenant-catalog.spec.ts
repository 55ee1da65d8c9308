import fc from 'fast-check';
import { childrenFirst, quoteIdent } from './tenant-catalog';

describe('deletion order from the catalog’s foreign keys', () => {
  const table = (name: string) => ({ name });

  it('deletes children before their parents (the schema’s own shape)', () => {
    const references = [
      { child: 'users', parent: 'tenants' },
      { child: 'tasks', parent: 'users' },
      { child: 'tasks', parent: 'assignments' },
      { child: 'submissions', parent: 'tasks' },
      { child: 'reviews', parent: 'submissions' },
      { child: 'assignments', parent: 'cohorts' },
      { child: 'cohort_members', parent: 'cohorts' },
      { child: 'cohort_members', parent: 'users' },
    ];
    const order = childrenFirst(['users', 'tasks', 'submissions', 'reviews', 'assignments', 'cohorts', 'cohort_members'].map(table), references).map((t) => t.name);
    expect(order).toEqual(['cohort_members', 'reviews', 'submissions', 'tasks', 'assignments', 'cohorts', 'users']);
  });

  it('keeps every table once and puts a child before its parent for any acyclic schema; tables on a cycle come last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11))), (n, edges) => {
        const names = Array.from({ length: n }, (_, i) => `t${String(i).padStart(2, '0')}`);
        // Only edges from a higher index to a lower one: acyclic.
        const references = edges.filter(([a, b]) => a < n && b < n && a > b).map(([a, b]) => ({ child: names[a], parent: names[b] }));
        const order = childrenFirst(names.map(table), references).map((t) => t.name);
        expect([...order].sort()).toEqual(names);
        for (const { child, parent } of references) expect(order.indexOf(child)).toBeLessThan(order.indexOf(parent));
      }),
    );
    const cyclic = childrenFirst(['a', 'b', 'c'].map(table), [
      { child: 'a', parent: 'b' },
      { child: 'b', parent: 'a' },
    ]).map((t) => t.name);
    expect(cyclic).toEqual(['c', 'a', 'b']);
  });

  it('quotes catalog names for SQL', () => {
    expect(quoteIdent('users')).toBe('"users"');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
