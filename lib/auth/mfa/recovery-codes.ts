import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** 32 letters and digits without i, l, o, 1 (easily confused): each byte's low 5 bits pick one. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz234567890';

/**
 * Ten single-use codes, each 16 characters of 5 random bits (80 bits), shown once as xxxx-xxxx-xxxx-xxxx.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What a person typed, reduced to the code's letters: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * sha256, not argon2: a code carries 80 random bits, so there is no dictionary to slow down and a
 * fast hash is as strong as a slow one, and it lets the database find the code by its hash.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}

/** A 6-digit TOTP code, or else a recovery code's shape. */
export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s/g, ''));
