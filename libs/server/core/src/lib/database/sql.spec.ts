import { join, raw, sql, toQuery } from './sql';

describe('sql templates', () => {
  it('numbers values as parameters in the order they appear, through nested fragments', () => {
    const cohorts = sql`cohort_id = ANY(${['c1', 'c2']}::uuid[])`;
    const query = sql`SELECT id FROM tasks WHERE tenant_id = ${'t1'} AND ${cohorts} AND status = ${'submitted'}`;
    expect(toQuery(query)).toEqual({
      text: 'SELECT id FROM tasks WHERE tenant_id = $1 AND cohort_id = ANY($2::uuid[]) AND status = $3',
      values: ['t1', ['c1', 'c2'], 'submitted'],
    });
  });

  it('keeps a value that looks like SQL a parameter, and splices raw text only where code asks', () => {
    const query = sql`SELECT ${raw('name')} FROM cohorts WHERE name = ${"x'; DROP TABLE cohorts; --"}`;
    expect(toQuery(query)).toEqual({ text: 'SELECT name FROM cohorts WHERE name = $1', values: ["x'; DROP TABLE cohorts; --"] });
  });

  it('joins fragments with a separator, and an empty list gives TRUE', () => {
    const parts = [sql`a = ${1}`, sql`b = ${2}`];
    expect(toQuery(sql`WHERE ${join(parts, ' AND ')}`)).toEqual({ text: 'WHERE a = $1 AND b = $2', values: [1, 2] });
    expect(toQuery(sql`WHERE ${join([], ' AND ')}`)).toEqual({ text: 'WHERE TRUE', values: [] });
  });
});
