import { isEmail } from 'class-validator';
import { parseRoster } from './roster-import.service';
import { NOT_CSV_MESSAGE, rosterRowProblems, rosterText, unreadableCsvMessage } from './roster-rules';

const row = { email: 'ana@x.test', name: 'Ana Alves', studentId: 'A1', cohort: 'Fall' };

describe('roster row rules (one set for the dry run and the import)', () => {
  it('accepts a good row', () => {
    expect(rosterRowProblems(row, isEmail)).toEqual([]);
  });

  it('refuses every database limit by line instead of failing the import', () => {
    expect(rosterRowProblems({ ...row, cohort: 'c'.repeat(201) }, isEmail)).toEqual(['cohort name is longer than 200 characters (201)']);
    expect(rosterRowProblems({ ...row, name: 'n'.repeat(100_000) }, isEmail)).toEqual(['name is longer than 200 characters (100000)']);
    expect(rosterRowProblems({ ...row, studentId: 's'.repeat(65) }, isEmail)).toEqual(['student_id is longer than 64 characters']);
    expect(rosterRowProblems({ ...row, email: `${'e'.repeat(250)}@x.test` }, isEmail)).toEqual(['email is longer than 254 characters']);
    expect(rosterRowProblems({ ...row, name: 'Ana\u0000' }, isEmail)).toEqual(['name must not contain the NUL character']);
    expect(rosterRowProblems({ ...row, name: 'Ana\nAlves' }, isEmail)).toEqual(['name must be a single line (no line breaks)']);
    expect(rosterRowProblems({ ...row, email: '', name: '', cohort: '' }, isEmail)).toEqual(['missing email', 'missing name', 'missing cohort']);
  });

  it('counts characters as the database does, not UTF-16 units', () => {
    expect(rosterRowProblems({ ...row, name: '🙂'.repeat(200) }, isEmail)).toEqual([]);
    expect(rosterRowProblems({ ...row, name: '🙂'.repeat(201) }, isEmail)).toEqual(['name is longer than 200 characters (201)']);
  });
});

describe('a roster file that is not a CSV file', () => {
  it('is refused in plain words: binary, not UTF-8, or full of control characters', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => rosterText(png)).toThrow(NOT_CSV_MESSAGE);
    expect(() => parseRoster(png)).toThrow(/not a CSV file/);
    const zipLike = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200)]);
    expect(() => parseRoster(zipLike)).toThrow(/not a CSV file/);
    expect(rosterText(Buffer.from('email,name\na@b.test,Ana\n'))).toContain('Ana');
  });

  it('explains a malformed CSV without the parser’s own words', () => {
    expect(() => parseRoster(Buffer.from('email,name,student_id,cohort\na@b.test,"Ana,A1,Fall\n'))).toThrow(/not a readable CSV file: a quote \("\) is opened and never closed/);
    expect(unreadableCsvMessage(new Error('Invalid Record Length'))).toBe('The file is not a readable CSV file: it could not be read as comma-separated values');
  });

  it('keeps a stray NUL in one cell as that line’s problem', () => {
    const rows = parseRoster(Buffer.from('email,name,student_id,cohort\na@b.test,An\u0000a,A1,Fall\n'));
    expect(rosterRowProblems(rows[0], isEmail)).toEqual(['name must not contain the NUL character']);
  });
});
