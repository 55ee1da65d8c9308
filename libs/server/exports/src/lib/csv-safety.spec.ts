import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { SAFE_CAST, neutralizeFormula } from './csv-safety';

describe('CSV formula-injection guard', () => {
  it.each(['=1+1', '+SUM(A1:A2)', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://evil.test","click")'])('makes %j plain text', (value) => {
    expect(neutralizeFormula(value)).toBe(`'${value}`);
  });

  it.each(['Ada Lovelace', 'a=b', 'email@x.test', '', "'already quoted", '1-2', ' =spaced'])('leaves %j alone', (value) => {
    expect(neutralizeFormula(value)).toBe(value);
  });

  it('is applied to every string cell by the cast options, but not to numbers, dates or booleans', () => {
    const csv = stringify([['=2*3', -5, new Date('2026-01-02T03:04:05.000Z'), true, false, 'Plain, with comma']], { cast: SAFE_CAST });
    expect(csv).toBe(`'=2*3,-5,2026-01-02T03:04:05.000Z,yes,no,"Plain, with comma"\n`);
  });

  it('never lets a cell start a formula, and changes nothing but a leading apostrophe', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const safe = neutralizeFormula(value);
        expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
        expect(safe === value || safe === `'${value}`).toBe(true);
      }),
    );
  });
});
