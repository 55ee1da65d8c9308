import type { ApiError, FieldError } from '@fieldwork/contracts';

/** What PostgreSQL tells us about a refused statement (pg's DatabaseError, as TypeORM's QueryFailedError copies it). */
export interface DatabaseErrorFacts {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

/** What a client reads when PostgreSQL cannot be reached, is restarting or refuses connections. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; try again in a moment';
/** Seconds a client should wait before retrying a 503 (the Retry-After header). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Node's network errors on the way to PostgreSQL (pg raises them as they are, with no SQLSTATE). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg and pg-pool's words for a connection that died, never came, or waited too long for a free slot. */
const LOST_CONNECTION = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed|Connection ended|terminating connection/i;
/** TypeORM's words when the connection under a transaction died mid-way (its query runner was released on the pool's error). */
const RELEASED_RUNNER = 'QueryRunnerProviderAlreadyReleasedError';
/** SQLSTATEs of a database that is going away or not there yet: 08 connection, 57P01-57P03 shutdown/crash/starting, 53300 too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

/**
 * True when the error says PostgreSQL is unreachable or restarting rather than
 * refusing this statement: the answer is a quick 503 to retry, not a 500.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  if (!exception || typeof exception !== 'object') return false;
  const source = exception as Record<string, unknown>;
  const candidates = [source, source['driverError'], source['cause'], ...(Array.isArray(source['errors']) ? source['errors'] : [])];
  return candidates.some((candidate) => {
    if (!candidate || typeof candidate !== 'object') return false;
    const { code, message, name } = candidate as { code?: unknown; message?: unknown; name?: unknown };
    if (name === RELEASED_RUNNER) return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    return typeof message === 'string' && LOST_CONNECTION.test(message);
  });
}

/** A SQLSTATE: five digits or upper-case letters. Node's own codes (EPIPE, ECONNRESET…) start with E; no SQLSTATE class does. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

export function databaseErrorFacts(exception: unknown): DatabaseErrorFacts | null {
  if (!exception || typeof exception !== 'object') return null;
  const source = exception as Record<string, unknown>;
  const driver = (source['driverError'] && typeof source['driverError'] === 'object' ? source['driverError'] : source) as Record<string, unknown>;
  const code = typeof driver['code'] === 'string' ? driver['code'] : typeof source['code'] === 'string' ? source['code'] : undefined;
  if (!code || !SQLSTATE.test(code) || code.startsWith('E')) return null;
  const text = (key: string) => (typeof driver[key] === 'string' ? (driver[key] as string) : typeof source[key] === 'string' ? (source[key] as string) : undefined);
  return { code, constraint: text('constraint'), table: text('table'), column: text('column'), detail: text('detail') };
}

/**
 * Turns any error PostgreSQL raised into an answer that is never a 500: the
 * request's fault (classes 22 data, 23 constraints, 54 limits) is a 400 or a
 * 409 naming the field when the constraint or column says which; a busy or
 * unavailable database is a 503 to retry. Values from the error's detail are
 * never echoed (they may be someone else's data).
 */
export function databaseApiError(facts: DatabaseErrorFacts): ApiError {
  const { code } = facts;
  if (UNAVAILABLE_SQLSTATE.test(code)) return unavailable(DATABASE_UNAVAILABLE_MESSAGE);
  const field = fieldOf(facts);
  const cls = code.slice(0, 2);
  switch (code) {
    case '23502':
      return badRequest(field ? `${field} is required` : 'A required value is missing', field);
    case '23505':
      return conflict(field ? `Something with this ${field} already exists` : 'This already exists', field);
    case '23503':
      if (facts.detail && /still referenced/.test(facts.detail)) return conflict('This is still in use and cannot be removed', undefined);
      return badRequest(field ? `${field} does not name anything that exists` : 'The request refers to something that does not exist', field);
    case '23514':
      return badRequest(field ? `${field} is not an allowed value (check its length and format)` : 'A value in the request is not allowed (check lengths, dates and formats)', field);
    case '23P01':
      return conflict(field ? `${field} overlaps with something that already exists` : 'This overlaps with something that already exists', field);
    case '22001':
      return badRequest(field ? `${field} is too long` : 'A value in the request is too long', field);
    case '22P02':
    case '22007':
    case '22008':
      return badRequest('A value in the request is malformed (an id, a date or a cursor)', field);
    case '22P05':
    case '22021':
      return badRequest('A value in the request contains a character that cannot be stored (such as NUL)', field);
    case '22003':
      return badRequest(field ? `${field} is out of range` : 'A number in the request is out of range', field);
    case '42501':
      return { statusCode: 403, error: 'Forbidden', message: 'You may not change this' };
  }
  switch (cls) {
    case '22':
      return badRequest('A value in the request is not valid', field);
    case '23':
      return badRequest(field ? `${field} is not allowed` : 'The request breaks a rule of the data', field);
    case '54':
      return badRequest('A value in the request is too large or too complex to store', field);
    case '40':
      return unavailable('Someone else changed the same data at the same moment; try again');
    default:
      // 08 connection, 53 resources, 55 lock/object state, 57 operator intervention, 58 system, XX internal,
      // 42/0A/P0… a statement the database would not run: logged by the filter as a server fault, answered as a retryable 503.
      return unavailable('The database could not complete this request; try again shortly');
  }
}

function badRequest(message: string, field: string | undefined): ApiError {
  const details: FieldError[] | undefined = field ? [{ field, problems: [message] }] : undefined;
  return { statusCode: 400, error: 'Bad Request', message, ...(details ? { details } : {}) };
}

function conflict(message: string, field: string | undefined): ApiError {
  const details: FieldError[] | undefined = field ? [{ field, problems: [message] }] : undefined;
  return { statusCode: 409, error: 'Conflict', message, ...(details ? { details } : {}) };
}

function unavailable(message: string): ApiError {
  return { statusCode: 503, error: 'Service Unavailable', message };
}

/**
 * The API field a refusal is about: the column PostgreSQL names, else the key
 * columns of the detail ("Key (tenant_id, email)=…"), else the constraint's
 * default name (`users_student_id_check`), tenant_id left out, in camelCase.
 */
export function fieldOf(facts: Pick<DatabaseErrorFacts, 'column' | 'constraint' | 'table' | 'detail'>): string | undefined {
  if (facts.column) return camel(facts.column);
  const keys = facts.detail && /^Key \(([^)]*)\)/.exec(facts.detail);
  if (keys) {
    const columns = keys[1]
      .split(',')
      .map((column) => column.trim().replace(/^"|"$/g, ''))
      .filter((column) => column !== 'tenant_id' && !/^lower\(/.test(column));
    const lowered = keys[1].match(/lower\(\(?"?([a-z_]+)"?\)?/);
    if (lowered) columns.push(lowered[1]);
    if (columns.length) return columns.map(camel).join(', ');
  }
  if (facts.constraint && facts.table && facts.constraint.startsWith(`${facts.table}_`)) {
    let name = facts.constraint.slice(facts.table.length + 1);
    name = name.replace(/_(check|key|fkey|pkey|excl|idx|unique)\d*$/, '').replace(/^tenant_id_?/, '');
    if (name && /^[a-z][a-z0-9_]*$/.test(name) && !/^(check|key|fkey|pkey)\d*$/.test(name)) return camel(name);
  }
  return undefined;
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
