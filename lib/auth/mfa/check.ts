import 'server-only';
import { recordSystemEvent, type ActorContext } from '@/db/control/audit';
import { claimTotpStep, consumeRecoveryCode, type MfaMethod } from '@/db/control/mfa';
import { getUser, recordLoginFailure, recordLoginSuccess, type UserRow } from '@/db/control/users';
import { ActionError } from '@/lib/errors';
import type { UserContext } from '../context';
import { verifyPassword } from '../password';
import { lockDurationMs } from '../throttle';
import { hashRecoveryCode, looksLikeTotp } from './recovery-codes';
import { PASSWORD_AGAIN_FAILED } from './schemas';
import { openSecret } from './secret-box';
import { matchTotp } from './totp';

type Outcome<T> = { ok: true; value: T } | { ok: false };

const isLocked = (user: UserRow) => Boolean(user.lockedUntil && user.lockedUntil > new Date());

/**
 * Runs one guarded attempt (a code or a password) against the account's sign-in lockout: a
 * locked account fails without trying, a wrong answer counts as a failed sign-in (the same
 * counters and back-off as passwords, lib/auth/throttle.ts), a right one clears the counters.
 * Every attempt is audited under `action`.
 */
export async function throttledAttempt<T>(
  user: UserRow,
  actor: ActorContext,
  action: string,
  attempt: () => Promise<{ value: T; metadata?: Record<string, unknown> } | { failure: string }>,
): Promise<Outcome<T>> {
  const audit = (outcome: 'success' | 'failure', metadata?: Record<string, unknown>) =>
    recordSystemEvent(actor, { action, outcome, entityType: 'user', entityId: user.id, metadata });
  if (isLocked(user)) {
    await audit('failure', { reason: 'locked' });
    return { ok: false };
  }
  const result = await attempt();
  if ('failure' in result) {
    await recordLoginFailure(user.id, lockDurationMs);
    await audit('failure', { reason: result.failure });
    return { ok: false };
  }
  await recordLoginSuccess(user.id);
  await audit('success', result.metadata);
  return { ok: true, value: result.value };
}

/**
 * The sign-in code step: a TOTP code (its time step claimed, so it cannot be replayed) or an
 * unused recovery code (then used up). Returns how the session was authenticated, or null.
 */
export async function checkSecondFactor(
  user: UserRow,
  code: string,
  actor: ActorContext,
): Promise<MfaMethod | null> {
  const sealed = user.mfaSecret;
  if (!sealed) return null;
  const outcome = await throttledAttempt<MfaMethod>(user, actor, 'auth.mfa_verify', async () => {
    if (looksLikeTotp(code)) {
      const step = matchTotp(openSecret(sealed), code.replace(/\s/g, ''));
      if (step === null) return { failure: 'bad_code' };
      if (!(await claimTotpStep(user.id, step))) return { failure: 'replayed_code' };
      return { value: 'password+totp', metadata: { method: 'password+totp' } };
    }
    if (!(await consumeRecoveryCode(user.id, hashRecoveryCode(code)))) {
      return { failure: 'bad_recovery_code' };
    }
    return { value: 'password+recovery_code', metadata: { method: 'password+recovery_code' } };
  });
  return outcome.ok ? outcome.value : null;
}

/**
 * For turning MFA off or making new recovery codes: the user, if MFA is on and the password given
 * again is right (throttled and audited as `auth.password_again`); else an ActionError.
 */
export async function enrolledUserWithPassword(
  ctx: UserContext,
  password: string,
): Promise<UserRow> {
  const user = await getUser(ctx.user.id);
  if (!user || !ctx.mfaEnrolled) throw new ActionError('Two-step sign-in is not on.');
  const outcome = await throttledAttempt(
    user,
    { userId: user.id, ...ctx.meta },
    'auth.password_again',
    async () =>
      (await verifyPassword(user.passwordHash, password))
        ? { value: true }
        : { failure: 'bad_password' },
  );
  if (!outcome.ok) throw new ActionError(PASSWORD_AGAIN_FAILED);
  return user;
}
