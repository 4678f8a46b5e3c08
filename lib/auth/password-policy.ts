/**
 * The password rules (OWASP ASVS 5.0 §6.2, NIST SP 800-63B): a length range and a strength
 * estimate, nothing else. No composition rules ("one digit, one symbol"): they push people to
 * predictable patterns and add no strength that length does not. The estimate is zxcvbn-ts with
 * its common and English dictionaries (breach lists, names, words, keyboard walks, dates,
 * repeats, l33t): a blocklist would only catch exact matches. The same check runs in forms and
 * on the server; it is asynchronous only because the dictionaries load on first use.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the cap only keeps argon2 (and zxcvbn) input bounded. */
export const PASSWORD_MAX_LENGTH = 128;
/**
 * zxcvbn's 0–4 scale; 3 means about 10^8 guesses or more ("safely unguessable: moderate
 * protection from offline slow-hash scenario"), which argon2 makes expensive to try.
 */
export const PASSWORD_MIN_SCORE = 3;

type PasswordProblem = 'too_short' | 'too_long' | 'weak';

interface PasswordRefusal {
  problem: PasswordProblem;
  /** What the person sees next to the field: what is wrong and what to do instead. */
  message: string;
}

// Per process, and safe so (docs/scaling.md): fixed dictionaries, the same on every instance.
let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * The dictionaries (about 1.6 MB) are imported on first use, not with this module: in the browser
 * they are a chunk of their own, fetched when a form first checks a password (or warms it up
 * earlier), so the page that imports the policy does not carry them. A failed fetch is retried on
 * the next check.
 */
export function loadPasswordEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([common, english]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
      }),
    (err: unknown) => {
      estimator = undefined;
      throw err;
    },
  );
  return estimator;
}

/** Length counts characters as people see them (code points), not UTF-16 units. */
function passwordLength(password: string): number {
  return Array.from(password).length;
}

/** zxcvbn says what it recognised ("This is a commonly used password.") and how to do better. */
function weakMessage(result: ZxcvbnResult): string {
  const { warning, suggestions } = result.feedback;
  const advice = suggestions.length > 0 ? suggestions : ['Use a few unrelated words.'];
  return ['This password is too easy to guess.', warning, ...advice].filter(Boolean).join(' ');
}

/**
 * What zxcvbn should treat as known to an attacker about this person: the name, the address and
 * their parts ("ana", "admin", "northside"), so "AnaAdmin-northside" is not counted as strong.
 */
export function personalWords(person: { name?: string; email?: string }): string[] {
  const whole = [person.name, person.email].filter((v): v is string => Boolean(v));
  const parts = whole.flatMap((v) => v.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return [...new Set([...whole, ...parts.filter((p) => p.length >= 3)])];
}

/**
 * The first problem with a new password, or null when it is acceptable. `userInputs` are words
 * the password must not lean on (see personalWords).
 */
export async function checkPassword(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordRefusal | null> {
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
  const result = (await loadPasswordEstimator()).check(password, userInputs);
  if (result.score < PASSWORD_MIN_SCORE) return { problem: 'weak', message: weakMessage(result) };
  return null;
}
