import type { Page } from '@fieldwork/contracts';
import { encodeCursor } from '../http/cursor';

/**
 * A page of a keyset list read with `LIMIT limit + 1`: the first `limit` rows mapped to items, and a cursor
 * holding the sort key of the last of them when the extra row shows there is more.
 */
export function pageOf<Row, Item>(rows: Row[], limit: number, toItem: (row: Row) => Item, sortKey: (row: Row) => string[]): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(sortKey(last)) : null };
}
