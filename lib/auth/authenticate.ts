import { recordSystemEvent, type ActorContext } from '@/db/control/audit';
import {
  findUserByEmail,
  recordLoginFailure,
  recordLoginSuccess,
  type UserRow,
} from '@/db/control/users';
import { hashPassword, verifyPassword } from './password';
import { lockDurationMs } from './throttle';

export type AuthenticatedUser = Pick<UserRow, 'id' | 'email' | 'name' | 'sessionVersion'>;

/**
 * A hash to verify against when there is no usable account, so every failure costs the same.
 * Per process, and safe so (docs/scaling.md): every instance makes an equivalent one.
 */
let dummyHash: Promise<string> | undefined;
const timingDecoy = () => (dummyHash ??= hashPassword('timing-decoy-password-0000'));

type FailureReason = 'unknown_email' | 'bad_password' | 'locked' | 'disabled';

/**
 * Checks a sign-in. Every failure (unknown email, wrong password, locked, disabled) returns the
 * same `null` after the same amount of argon2 work, so callers cannot tell them apart; the reason
 * goes to the audit log only.
 */
export async function authenticate(
  email: string,
  password: string,
  meta: Omit<ActorContext, 'userId'>,
): Promise<AuthenticatedUser | null> {
  const user = await findUserByEmail(email.trim());
  const fail = async (reason: FailureReason, userId: string | null) => {
    await recordSystemEvent(
      { ...meta, userId },
      { action: 'auth.sign_in', outcome: 'failure', metadata: { reason } },
    );
    return null;
  };

  if (!user) {
    await verifyPassword(await timingDecoy(), password);
    return fail('unknown_email', null);
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    // Verify anyway: a locked account must answer like any other failure.
    await verifyPassword(await timingDecoy(), password);
    return fail('locked', user.id);
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid) {
    await recordLoginFailure(user.id, lockDurationMs);
    return fail('bad_password', user.id);
  }
  if (user.disabled) return fail('disabled', user.id);

  await recordLoginSuccess(user.id);
  await recordSystemEvent(
    { ...meta, userId: user.id },
    { action: 'auth.sign_in', outcome: 'success' },
  );
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
