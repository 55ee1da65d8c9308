import { toApiError } from './api-exception.filter';
import { databaseApiError, databaseErrorFacts, fieldOf } from './database-errors';

/** pg's DatabaseError as TypeORM's QueryFailedError carries it. */
function pgError(code: string, extra: Record<string, string> = {}): Error {
  const driverError = Object.assign(new Error('database said no'), { code, severity: 'ERROR', ...extra });
  return Object.assign(new Error('database said no'), { name: 'QueryFailedError', driverError, code, ...extra });
}

/** Every SQLSTATE class of the PostgreSQL manual (Appendix A), with one code of each. */
const SQLSTATE_CLASSES = [
  '00000', '01000', '02000', '03000', '08006', '09000', '0A000', '0B000', '0F000', '0L000', '0P000', '0Z000', '20000', '21000',
  '22000', '22001', '22003', '22007', '22008', '22012', '22021', '22023', '22P02', '22P05', '23000', '23502', '23503', '23505',
  '23514', '23P01', '24000', '25P02', '26000', '27000', '28000', '2B000', '2D000', '2F000', '34000', '38000', '39000', '3B000',
  '3D000', '3F000', '40001', '40P01', '42501', '42601', '42703', '42P01', '44000', '53000', '53100', '53200', '53300', '54000',
  '54001', '55000', '55P03', '57014', '57P01', '58000', '72000', 'F0000', 'HV000', 'P0001', 'XX000',
];

describe('database errors never reach the client as a 500', () => {
  it.each(SQLSTATE_CLASSES)('SQLSTATE %s answers a 4xx or a 503', (code) => {
    const body = toApiError(pgError(code));
    expect(body.statusCode).not.toBe(500);
    expect(body.statusCode === 503 || (body.statusCode >= 400 && body.statusCode < 500)).toBe(true);
    expect(body.message).not.toMatch(/database said no/);
  });

  it('maps the request-caused classes to 400/409 and the rest to a retryable 503', () => {
    expect(toApiError(pgError('23502', { table: 'contacts', column: 'name' }))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'name is required',
      details: [{ field: 'name', problems: ['name is required'] }],
    });
    expect(toApiError(pgError('23505', { table: 'users', constraint: 'users_tenant_id_email_key', detail: 'Key (tenant_id, email)=(x, a@b.test) already exists.' }))).toMatchObject({
      statusCode: 409,
      message: 'Something with this email already exists',
      details: [{ field: 'email' }],
    });
    expect(toApiError(pgError('23514', { table: 'users', constraint: 'users_student_id_check' }))).toMatchObject({ statusCode: 400, details: [{ field: 'studentId' }] });
    expect(toApiError(pgError('23503', { table: 'submissions', constraint: 'submissions_tenant_id_contact_id_fkey', detail: 'Key (tenant_id, contact_id)=(a, b) is not present in table "contacts".' }))).toMatchObject({
      statusCode: 400,
      details: [{ field: 'contactId' }],
    });
    expect(toApiError(pgError('23503', { table: 'contacts', detail: 'Key (tenant_id, id)=(a, b) is still referenced from table "submissions".' })).statusCode).toBe(409);
    expect(toApiError(pgError('22001')).statusCode).toBe(400);
    expect(toApiError(pgError('22P05')).message).toMatch(/NUL/);
    expect(toApiError(pgError('54000')).statusCode).toBe(400);
    expect(toApiError(pgError('40001')).statusCode).toBe(503);
    expect(toApiError(pgError('57P01')).statusCode).toBe(503);
  });

  it('never echoes the values in the detail', () => {
    const body = toApiError(pgError('23505', { table: 'users', detail: 'Key (tenant_id, email)=(t, secret.person@x.test) already exists.' }));
    expect(JSON.stringify(body)).not.toContain('secret.person');
  });

  it('reads the field from the column, the key list or the default constraint name', () => {
    expect(fieldOf({ column: 'due_days_after_join' })).toBe('dueDaysAfterJoin');
    expect(fieldOf({ detail: 'Key (tenant_id, lower(name))=(t, x) already exists.' })).toBe('name');
    expect(fieldOf({ table: 'cohorts', constraint: 'cohorts_name_check' })).toBe('name');
    expect(fieldOf({ table: 'assignments', constraint: 'assignments_check' })).toBeUndefined();
    expect(fieldOf({ constraint: 'some_unrelated_check' })).toBeUndefined();
  });

  it('leaves Node errors (EPIPE…) and plain errors alone', () => {
    expect(databaseErrorFacts(Object.assign(new Error('pipe'), { code: 'EPIPE' }))).toBeNull();
    expect(databaseErrorFacts(new Error('x'))).toBeNull();
    expect(databaseApiError({ code: 'XX000' }).statusCode).toBe(503);
  });
});
