import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
  checkPassword,
  personalWords,
} from './password-policy';
import { DEMO_PASSWORD } from '@/db/seed/logins';

const problem = async (password: string) => (await checkPassword(password))?.problem ?? null;

describe('password policy', () => {
  it('is 12 to 128 characters and a zxcvbn score of at least 3', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(PASSWORD_MIN_SCORE).toBe(3);
  });

  it.each([
    ['empty', '', 'too_short'],
    ['11 characters', 'kettle-moss', 'too_short'],
    ['12 characters (the minimum)', 'kettle-moss!', null],
    ['13 characters', 'kettle-moss!!', null],
    ['127 characters', 'k'.repeat(103) + 'ettle-moss-harbour-lamp-', null],
    ['128 characters (the maximum)', 'k'.repeat(104) + 'ettle-moss-harbour-lamp-', null],
    ['129 characters', 'k'.repeat(105) + 'ettle-moss-harbour-lamp-', 'too_long'],
    ['1024 characters', 'x'.repeat(1024), 'too_long'],
  ] as const)('%s → %s', async (_label, password, expected) => {
    expect(await problem(password)).toBe(expected);
  });

  it('refuses by length alone, before any estimate, whatever the characters', async () => {
    const char = fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 });
    await fc.assert(
      fc.asyncProperty(fc.array(char, { maxLength: PASSWORD_MIN_LENGTH - 1 }), async (chars) => {
        expect(await problem(chars.join(''))).toBe('too_short');
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(char, { minLength: PASSWORD_MAX_LENGTH + 1, maxLength: 300 }),
        async (chars) => {
          expect(await problem(chars.join(''))).toBe('too_long');
        },
      ),
    );
  });

  it('has no composition rules: lowercase words or random digits are fine', async () => {
    expect(await checkPassword('lanterns drift over wet fields')).toBeNull();
    expect(await checkPassword('839201746385')).toBeNull();
    expect(await checkPassword('correct horse battery staple')).toBeNull();
  });

  it('counts characters, not UTF-16 code units', async () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: too short; 129 are too long.
    expect(await problem('🌿'.repeat(11))).toBe('too_short');
    expect(await problem('🌿'.repeat(129))).toBe('too_long');
    expect(await checkPassword('🌿 kettle moss harbour')).toBeNull();
  });

  it.each([
    'password1234',
    'Password1234',
    'QWERTY123456',
    '1q2w3e4r5t6y',
    'iloveyou1234',
    'clinic123456',
    'P@ssw0rd2026!',
  ])('refuses the guessable %s, saying why and what to do', async (password) => {
    const refusal = await checkPassword(password);
    expect(refusal?.problem).toBe('weak');
    expect(refusal?.message).toMatch(/^This password is too easy to guess\. \S.+/);
  });

  it('refuses one character repeated to any allowed length', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 1 }),
        fc.integer({ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
        async (c, n) => {
          expect(await problem(c.repeat(n))).toBe('weak');
        },
      ),
      { numRuns: 10 },
    );
  });

  it("accepts the demo seed's password", async () => {
    expect(await checkPassword(DEMO_PASSWORD)).toBeNull();
  });
});

describe('personal words', () => {
  const person = { name: 'Quillon Vandermeer', email: 'quillon.vandermeer@harborside.test' };

  it('lists the name, the address and their parts', () => {
    expect(personalWords(person)).toEqual([
      'Quillon Vandermeer',
      'quillon.vandermeer@harborside.test',
      'quillon',
      'vandermeer',
      'harborside',
      'test',
    ]);
  });

  it('refuses a password built from them that would pass otherwise', async () => {
    const password = 'QuillonVandermeer';
    expect(await checkPassword(password)).toBeNull();
    expect((await checkPassword(password, personalWords(person)))?.problem).toBe('weak');
  });
});
