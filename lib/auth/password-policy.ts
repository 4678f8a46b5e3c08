/**
 * The password rules (OWASP ASVS 5.0 §6.2, NIST SP 800-63B): a length range and a strength
 * estimate, nothing else. No composition rules ("one digit, one symbol"): they push people to
 * predictable patterns and add no strength that length does not. The estimate is zxcvbn-ts with
 * its common and English dictionaries (breach lists, names, words, keyboard walks, dates,
 * repeats, l33t): a blocklist would only catch exact matches. Pure and synchronous, so the same
 * check runs in forms and on the server; the dictionaries load on the first check, not on import.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the cap only keeps argon2 (and zxcvbn) input bounded. */
export const PASSWORD_MAX_LENGTH = 128;
/**
 * zxcvbn's 0–4 scale; 3 means about 10^8 guesses or more ("safely unguessable: moderate
 * protection from offline slow-hash scenario"), which argon2 makes expensive to try.
 */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordProblem = 'too_short' | 'too_long' | 'weak';

export interface PasswordRefusal {
  problem: PasswordProblem;
  /** What the person sees next to the field: what is wrong and what to do instead. */
  message: string;
}

let factory: ZxcvbnFactory | undefined;

/** Building the matcher expands the dictionaries (tens of milliseconds): once, on first use. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory;
}

/** Length counts characters as people see them (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return Array.from(password).length;
}

/** zxcvbn's score and feedback for a password (the policy's input; exported for tests). */
export function estimatePassword(password: string): ZxcvbnResult {
  return estimator().check(password);
}

/** zxcvbn says what it recognised ("This is a commonly used password.") and how to do better. */
function weakMessage(result: ZxcvbnResult): string {
  const { warning, suggestions } = result.feedback;
  const advice = suggestions.length > 0 ? suggestions : ['Use a few unrelated words.'];
  return ['This password is too easy to guess.', warning, ...advice].filter(Boolean).join(' ');
}

/** The first problem with a new password, or null when it is acceptable. */
export function checkPassword(password: string): PasswordRefusal | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      problem: 'too_short',
      message: `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words work well.`,
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { problem: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const result = estimatePassword(password);
  if (result.score < PASSWORD_MIN_SCORE) return { problem: 'weak', message: weakMessage(result) };
  return null;
}
