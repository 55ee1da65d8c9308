import { Passwords } from './passwords';

describe('Passwords', () => {
  const passwords = new Passwords();

  it('hashes with argon2id (19 MiB, t=2, p=1) and verifies', async () => {
    const hash = await passwords.hash('Networking-Walks-42!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await passwords.verify(hash, 'Networking-Walks-42!')).toBe(true);
    expect(await passwords.verify(hash, 'networking-walks-42!')).toBe(false);
    expect(await passwords.verify(null, 'anything')).toBe(false);
    expect(await passwords.verify('not-a-hash', 'anything')).toBe(false);
  });

  it('refuses short, common and guessable passwords, and ones built from the person’s own details', () => {
    expect(passwords.problems('short')).toEqual(['must be at least 12 characters']);
    for (const common of ['password1234', '123456789012', 'qwertyuiopas', 'iloveyou1234']) {
      expect(passwords.problems(common)).toEqual([expect.stringMatching(/too common/)]);
    }
    expect(passwords.problems('grace.hopper@state.edu', ['grace.hopper@state.edu'])).toHaveLength(1);
    expect(passwords.problems('Networking-Walks-42!')).toEqual([]);
    expect(passwords.problems('x'.repeat(300))).toEqual(['must be at most 256 characters']);
  });
});

describe('Passwords built from names', () => {
  const passwords = new Passwords();
  const person = ['ada.lovelace@state.edu', 'Ada Lovelace', 'State University Career Center', 'state-u'];

  it('refuses the product’s name with a few characters around it, however written', () => {
    for (const weak of ['Fieldwork2026!', 'fieldwork-demo1', 'F1eldw0rk-2026!!', 'FIELDWORK_fieldwork']) {
      expect({ weak, problems: passwords.problems(weak, person) }).toEqual({ weak, problems: [expect.stringMatching(/Fieldwork’s name|too common/)] });
    }
  });

  it('refuses the career center’s and the person’s own names and e-mail parts', () => {
    for (const weak of ['Lovelace-2026!', 'ada.lovelace@2026', 'StateUniversity#1', 'L0v3lac3-Ada-99', 'CareerCenter2026!']) {
      expect({ weak, problems: passwords.problems(weak, person) }).toEqual({ weak, problems: [expect.stringMatching(/your own name|too common/)] });
    }
  });

  it('counts a long number of the career center (a slug of digits) as personal too', () => {
    const slugged = ['advisor@t-4243953883.test', 'Avery Advisor', 'Career Center t-4243953883', 't-4243953883'];
    expect(passwords.problems('t-4243953883-Advisor-1', slugged)).toEqual([expect.stringMatching(/your own name|too common/)]);
  });

  it('accepts a strong phrase that merely contains such a word', () => {
    expect(passwords.problems('Networking-Walks-42!', person)).toEqual([]);
    expect(passwords.problems('fieldwork tangerine velvet oboe', person)).toEqual([]);
  });
});
