/**
 * `Row` as the contracts carry it: every `Date` field (timestamptz as PostgreSQL answers it) as its
 * ISO 8601 text, a nullable one as text or null, every other field as it is.
 */
export type IsoTimes<Row> = {
  [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? Exclude<Row[K], Date> | string : Row[K];
};

/**
 * The row of a query that answers a contract type directly (columns aliased to its field names), as
 * PostgreSQL answers it: the contract's `timeFields` are still `Date`s (or null where the field may be).
 */
export type ContractRow<Contract, TimeFields extends keyof Contract> = Omit<Contract, TimeFields> & {
  [K in TimeFields]: null extends Contract[K] ? Date | null : Date;
};

/**
 * A row whose columns are already named and shaped as the contract's fields (`created_at AS "createdAt"`),
 * with its timestamps turned into ISO 8601 text: the one mapping such rows need, instead of a mapper per service.
 */
export function isoTimes<Row extends object>(row: Row): IsoTimes<Row> {
  const entries = Object.entries(row).map(([field, value]) => [field, value instanceof Date ? value.toISOString() : value]);
  return Object.fromEntries(entries) as IsoTimes<Row>;
}
