import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORD_COUNT,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkPassword,
  isCommonPassword,
} from './password-policy';

describe('password policy', () => {
  it('is 12 to 128 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
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
    expect(checkPassword(password)).toBe(expected);
  });

  it('has no composition rules: all lowercase letters, all digits or spaces are fine', () => {
    expect(checkPassword('lanterns drift over wet fields')).toBeNull();
    expect(checkPassword('839201746385')).toBeNull();
    expect(checkPassword('            x')).toBeNull();
  });

  it('counts characters, not UTF-16 code units', () => {
    // 12 emoji are 24 UTF-16 units but 12 characters: accepted, and 11 are refused.
    expect(checkPassword('🌿'.repeat(12))).toBeNull();
    expect(checkPassword('🌿'.repeat(11))).toBe('too_short');
    expect(checkPassword('🌿'.repeat(128))).toBeNull();
    expect(checkPassword('🌿'.repeat(129))).toBe('too_long');
  });

  it('refuses common passwords that are long enough, in any letter case', () => {
    expect(checkPassword('password1234')).toBe('common');
    expect(checkPassword('Password1234')).toBe('common');
    expect(checkPassword('QWERTY123456')).toBe('common');
    expect(checkPassword('1q2w3e4r5t6y')).toBe('common');
    expect(checkPassword('iloveyou1234')).toBe('common');
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('kettle-moss!')).toBe(false);
  });

  it('embeds a list of a few hundred entries', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(300);
    expect(COMMON_PASSWORD_COUNT).toBeLessThan(1000);
  });
});
