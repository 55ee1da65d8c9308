import type { Client } from 'pg';
import { type Sql, toQuery } from './sql';

/**
 * The rows of a query on a plain pg client: the owner's connection that prepares the database and
 * reads the shared secret before the app (and its TypeORM pool) exists.
 */
export async function clientRows<Row>(client: Client, query: Sql): Promise<Row[]> {
  const { text, values } = toQuery(query);
  const result = await client.query(text, values);
  return result.rows as Row[];
}
