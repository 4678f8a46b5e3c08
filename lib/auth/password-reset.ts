/**
 * Password-reset links: asking for one, and the rules of the link. The answer to a request never
 * says whether the address has an account (OWASP ASVS 5.0 §6.4, enumeration): the caller always
 * gets the same result, and everything that depends on the account (the look-up, the token, the
 * mail, an SMTP round trip of hundreds of milliseconds) runs after the response is sent, so the
 * response time does not tell either. Before the response runs only what every request does
 * alike: two throttle hits.
 */
import { createHash, randomBytes } from 'node:crypto';
import { recordSystemEvent, type ActorContext } from '@/db/control/audit';
import { findResetTarget, issueResetToken, type ResetTarget } from '@/db/control/passwords';
import { hitThrottle, type ThrottleLimit } from '@/db/control/throttle';
import { findUserByEmail } from '@/db/control/users';
import { resetPasswordSchema } from './account-schemas';
import { sendMail } from '@/lib/mail/send';
import { passwordResetMail } from '@/lib/mail/templates';

export const RESET_VALID_MINUTES = 60;

/** Per address: a few tries for a person whose mail is slow; per IP: a busy clinic's NAT. */
export const RESET_THROTTLE: Record<'email' | 'ip', ThrottleLimit> = {
  email: { limit: 3, windowMs: 60 * 60_000 },
  ip: { limit: 20, windowMs: 60 * 60_000 },
};

/** The one answer to every request: known, unknown, disabled or throttled alike. */
export const RESET_REQUESTED = {
  message:
    'If an account exists for that address, we have sent it a link to choose a new password. ' +
    `The link works once, within ${RESET_VALID_MINUTES} minutes.`,
} as const;

/** Used, expired, replaced by a newer link, or never ours: the person asks again. */
export const RESET_LINK_UNUSABLE =
  'This link has expired or was already used. Ask for a new one from the sign-in page.';

/**
 * A link's secret: 256 random bits. It is stored as a plain SHA-256: a slow hash (argon2) guards
 * guessable passwords, but nobody can guess 256 random bits, and a fast hash lets the link be
 * found by an index.
 */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashResetToken(token) };
}

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whose password a link would change, if it still works (a malformed token works for no one). */
export async function resetLinkTarget(token: string): Promise<ResetTarget | null> {
  if (!resetPasswordSchema.shape.token.safeParse(token).success) return null;
  return (await findResetTarget(hashResetToken(token), Date.now())) ?? null;
}

type Actor = Omit<ActorContext, 'userId'>;

interface ResetRequest {
  email: string;
  meta: Actor;
  /** Where the app is on the web (lib/security/origin.ts mailLinkOrigin). */
  origin: string;
  /** Runs the account-dependent work once the response is sent (lib/after-response.ts). */
  defer: (task: () => Promise<unknown>) => Promise<void>;
}

/** Handles a request for a reset link; its caller answers RESET_REQUESTED whatever happens. */
export async function requestPasswordReset({
  email,
  meta,
  origin,
  defer,
}: ResetRequest): Promise<void> {
  const address = email.trim().toLowerCase();
  // Both hits always count, so a throttled address costs the same as any other.
  const byEmail = await hitThrottle('password_reset.email', address, RESET_THROTTLE.email);
  // Without a client address (no proxy header) all such requests share one subject: failing
  // towards throttling, never towards an unlimited number of mails.
  const byIp = await hitThrottle('password_reset.ip', meta.ip ?? 'unknown', RESET_THROTTLE.ip);
  if (byEmail === 'throttled' || byIp === 'throttled') {
    await recordSystemEvent(
      { ...meta, userId: null },
      {
        action: 'auth.password_reset.requested',
        outcome: 'denied',
        metadata: { reason: 'throttled', by: byEmail === 'throttled' ? 'email' : 'ip' },
      },
    );
    return;
  }
  await defer(() =>
    sendResetLink(address, meta, origin).catch((err: unknown) => {
      // Nobody is waiting for this answer any more: the log is where a failed delivery shows.
      console.error('[password reset] could not send a link', err);
    }),
  );
}

/** The work that depends on the account: nothing for an unknown or disabled one (audited). */
async function sendResetLink(address: string, meta: Actor, origin: string): Promise<void> {
  const user = await findUserByEmail(address);
  if (!user || user.disabled) {
    await recordSystemEvent(
      { ...meta, userId: user?.id ?? null },
      {
        action: 'auth.password_reset.requested',
        outcome: 'failure',
        metadata: { reason: user ? 'disabled' : 'unknown_email' },
      },
    );
    return;
  }
  const { token, tokenHash } = newResetToken();
  const expiresAt = new Date(Date.now() + RESET_VALID_MINUTES * 60_000);
  const actor = { ...meta, userId: user.id };
  const resetUrl = new URL(`/reset-password/${token}`, origin).toString();
  await issueResetToken(actor, { tokenHash, expiresAt }, (db) =>
    sendMail(
      passwordResetMail({ to: user.email, resetUrl, validMinutes: RESET_VALID_MINUTES }),
      (entry) => recordSystemEvent(actor, entry, db),
    ),
  );
}
