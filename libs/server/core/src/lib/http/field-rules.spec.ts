import { validate } from 'class-validator';
import { IsString } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { OptionalNotNull, SingleLine } from './field-rules';

class Sample {
  @OptionalNotNull() @IsString() @SingleLine() name?: string;
  @OptionalNotNull() @SingleLine({ each: true }) tags?: string[];
}

async function problems(body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(Sample, body));
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('field rules', () => {
  it('lets an optional field be left out but never be null', async () => {
    expect(await problems({})).toEqual([]);
    expect(await problems({ name: null })).toContain('name must not be null');
  });

  it('refuses line breaks in one-line fields', async () => {
    expect(await problems({ name: 'Ada Lovelace' })).toEqual([]);
    for (const name of ['Ada\nLovelace', 'Ada\r\nLovelace', 'Ada\rX', 'Ada\u2028X']) {
      expect(await problems({ name })).toEqual(['name must be a single line (no line breaks)']);
    }
    expect(await problems({ tags: ['ok', 'two\nlines'] })).toEqual([expect.stringMatching(/tags must be a single line/)]);
    expect(await problems({ tags: ['ok', 'one line'] })).toEqual([]);
  });
});
