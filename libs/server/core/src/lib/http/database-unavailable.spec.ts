import { toApiError } from './api-exception.filter';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-errors';

/** The shapes pg, pg-pool and TypeORM give a lost or refused connection (seen while PostgreSQL restarts under load). */
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
const aggregate = Object.assign(new AggregateError([refused, Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''), {
  code: 'ECONNREFUSED',
});
const terminated = new Error('Connection terminated unexpectedly');
const poolTimeout = new Error('timeout exceeded when trying to connect');
const released = Object.assign(new Error('Database connection provided by a query runner was already released'), { name: 'QueryRunnerProviderAlreadyReleasedError' });
function queryFailed(code: string, message: string): Error {
  const driverError = Object.assign(new Error(message), { code, severity: 'FATAL' });
  return Object.assign(new Error(message), { name: 'QueryFailedError', driverError, code });
}

describe('an unavailable database is a quick 503, never a 500', () => {
  it.each([
    ['ECONNREFUSED', refused],
    ['ECONNREFUSED to both localhost addresses', aggregate],
    ['Connection terminated', terminated],
    ['pool wait timeout', poolTimeout],
    ['a released query runner', released],
    ['57P01 admin_shutdown', queryFailed('57P01', 'terminating connection due to administrator command')],
    ['57P03 cannot_connect_now', queryFailed('57P03', 'the database system is starting up')],
    ['08006 connection_failure', queryFailed('08006', 'connection failure')],
    ['53300 too_many_connections', queryFailed('53300', 'sorry, too many clients already')],
  ])('%s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toApiError(error)).toEqual({ statusCode: 503, error: 'Service Unavailable', message: DATABASE_UNAVAILABLE_MESSAGE });
  });

  it('leaves other failures alone: a refused statement keeps its 4xx, an unknown error stays a 500', () => {
    expect(isDatabaseUnavailable(queryFailed('23505', 'duplicate key'))).toBe(false);
    expect(toApiError(queryFailed('23505', 'duplicate key')).statusCode).toBe(409);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(toApiError(new Error('something else')).statusCode).toBe(500);
  });
});
