import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
  checkPassword,
} from './password-policy';
import { DEMO_PASSWORD } from '@/db/seed/logins';

const problem = (password: string) => checkPassword(password)?.problem ?? null;

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
  ] as const)('%s → %s', (_label, password, expected) => {
    expect(problem(password)).toBe(expected);
  });

  it('refuses by length alone, before any estimate, whatever the characters', () => {
    const char = fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 });
    fc.assert(
      fc.property(fc.array(char, { maxLength: PASSWORD_MIN_LENGTH - 1 }), (chars) => {
        expect(problem(chars.join(''))).toBe('too_short');
      }),
    );
    fc.assert(
      fc.property(fc.array(char, { minLength: PASSWORD_MAX_LENGTH + 1, maxLength: 300 }), (c) => {
        expect(problem(c.join(''))).toBe('too_long');
      }),
    );
  });

  it('has no composition rules: lowercase words or random digits are fine', () => {
    expect(checkPassword('lanterns drift over wet fields')).toBeNull();
    expect(checkPassword('839201746385')).toBeNull();
    expect(checkPassword('correct horse battery staple')).toBeNull();
  });

  it('counts characters, not UTF-16 code units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: too short; 129 are too long.
    expect(problem('🌿'.repeat(11))).toBe('too_short');
    expect(problem('🌿'.repeat(129))).toBe('too_long');
    expect(checkPassword('🌿 kettle moss harbour')).toBeNull();
  });

  it.each([
    'password1234',
    'Password1234',
    'QWERTY123456',
    '1q2w3e4r5t6y',
    'iloveyou1234',
    'clinic123456',
    'P@ssw0rd2026!',
  ])('refuses the guessable %s, saying why and what to do', (password) => {
    const refusal = checkPassword(password);
    expect(refusal?.problem).toBe('weak');
    expect(refusal?.message).toMatch(/^This password is too easy to guess\. \S.+/);
  });

  it('refuses one character repeated to any allowed length', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 1 }),
        fc.integer({ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
        (c, n) => {
          expect(problem(c.repeat(n))).toBe('weak');
        },
      ),
      { numRuns: 10 },
    );
  });

  it("accepts the demo seed's password", () => {
    expect(checkPassword(DEMO_PASSWORD)).toBeNull();
  });
});
