/**
 * MFA test helpers: a user with a real password, enrolled through the real actions (start, then
 * confirm with a code computed from the stored secret), and fresh sign-ins (a new session row,
 * as the password step makes one: not yet past the code step).
 */
import { generateSync } from 'otplib';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { setPendingMfaSecret } from '@/db/control/mfa';
import { createUser, getUser } from '@/db/control/users';
import { users } from '@/db/schema';
import { confirmMfaEnrolmentAction } from '@/lib/auth/actions/confirm-mfa-enrolment';
import { startMfaEnrolmentAction } from '@/lib/auth/actions/start-mfa-enrolment';
import { openSecret, sealSecret } from '@/lib/auth/mfa/secret-box';
import { newTotpSecret } from '@/lib/auth/mfa/totp';
import { hashPassword } from '@/lib/auth/password';
import { SYSTEM_ACTOR } from './fixtures';
import { signInAs } from './session-state';

export const MFA_PASSWORD = 'copper lantern meadow 47';
/** Hashed once per process: the fuzz suite rebuilds its world after every accepted write. */
let passwordHash: Promise<string> | undefined;

export async function makePasswordUser(systemRoleId?: 'system_admin') {
  const email = `mfa.${randomUUID().slice(0, 8)}@mfa.test`;
  const user = await createUser(SYSTEM_ACTOR, {
    email,
    name: 'Tess Totp',
    passwordHash: await (passwordHash ??= hashPassword(MFA_PASSWORD)),
    systemRoleId: systemRoleId ?? null,
  });
  return { id: user.id, email };
}

/** Signs in afresh (a new session row) with the user's live session version. */
export async function newSession(
  userId: string,
  options: { clinicId?: string | null; globalMode?: boolean } = {},
): Promise<void> {
  const row = await getUser(userId);
  if (!row) throw new Error(`no user ${userId}`);
  await signInAs({ id: row.id, sessionVersion: row.sessionVersion }, options);
}

/** A TOTP code for the secret, `stepsAhead` periods from now (a later step than one used). */
export const codeFor = (secret: string, stepsAhead = 0): string =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

/** Enrols the signed-in user through the actions; returns the plain secret and recovery codes. */
export async function enrolCurrentUser(userId: string) {
  const started = await startMfaEnrolmentAction();
  if (!started.data) throw new Error(`start refused: ${JSON.stringify(started)}`);
  const pending = (await getUser(userId))?.mfaPendingSecret;
  if (!pending) throw new Error('no pending secret');
  const secret = openSecret(pending);
  const confirmed = await confirmMfaEnrolmentAction({ code: codeFor(secret) });
  if (!confirmed.data) throw new Error(`confirm refused: ${JSON.stringify(confirmed)}`);
  return { secret, recoveryCodes: confirmed.data.recoveryCodes };
}

/** The isolation matrix's MFA users: one enrolled, one with set-up started (known secrets). */
export interface MfaWorld {
  enrolled: { id: string; email: string; name: string };
  pending: { id: string; email: string; name: string };
  secret: string;
  pendingSecret: string;
}

export async function makeMfaWorld(): Promise<MfaWorld> {
  const enrolled = await makePasswordUser();
  const pending = await makePasswordUser();
  const secret = newTotpSecret();
  const pendingSecret = newTotpSecret();
  await getDb()
    .db.update(users)
    .set({ mfaSecret: sealSecret(secret), mfaEnabledAt: new Date() })
    .where(eq(users.id, enrolled.id));
  await setPendingMfaSecret(pending.id, sealSecret(pendingSecret));
  return {
    enrolled: { ...enrolled, name: 'Tess Totp' },
    pending: { ...pending, name: 'Tess Totp' },
    secret,
    pendingSecret,
  };
}
