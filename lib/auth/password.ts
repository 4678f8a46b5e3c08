import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * `Algorithm` is an ambient const enum, which isolatedModules cannot read as a value; the literal
 * is checked against the enum member's type instead, so a renumbering upstream fails to compile.
 */
const ARGON2ID: Algorithm.Argon2id = 2;

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Set explicitly rather than relying on the
 * library defaults, so an upgrade that changes them cannot silently weaken new hashes.
 */
const OPTIONS: Options = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with its own random salt. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * True only for the right password. The parameters are read from the stored hash, so hashes
 * made with older settings keep verifying. A malformed hash counts as a mismatch, never a throw
 * that a sign-in path might turn into something other than "wrong credentials".
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
