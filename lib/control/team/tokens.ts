import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** How long an invitation link works. */
export const INVITATION_VALID_MINUTES = 7 * 24 * 60;

/** A fresh invitation token (256 random bits) and the hash that is all the database keeps. */
export function newInvitationToken(now = Date.now()): {
  token: string;
  tokenHash: string;
  expiresAt: Date;
} {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    tokenHash: hashInvitationToken(token),
    expiresAt: new Date(now + INVITATION_VALID_MINUTES * 60_000),
  };
}

/**
 * sha256, not argon2: the token has 256 bits of entropy, so a fast hash cannot be brute-forced,
 * and it lets the token be looked up by its hash (a salted slow hash could not be).
 */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
