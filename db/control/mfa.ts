import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { mfaRecoveryCodes, userSessions, users } from '../schema';
import { recordSystemEvent, type ActorContext } from './audit';

/** How a session passed its second step (user_sessions.auth_method). */
export type MfaMethod = 'password+totp' | 'password+recovery_code';

/** Stores a freshly sealed secret awaiting its first code; replaces an earlier pending one. */
export async function setPendingMfaSecret(userId: string, sealed: string): Promise<void> {
  await getDb()
    .db.update(users)
    .set({ mfaPendingSecret: sealed, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/**
 * Claims a TOTP time step for the user, atomically: only a step later than the last accepted one
 * passes, so a code (or an earlier one) cannot be used twice, even by two requests at once.
 */
export async function claimTotpStep(userId: string, step: number): Promise<boolean> {
  const rows = await getDb()
    .db.update(users)
    .set({ mfaLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Marks one unused recovery code used; false when there is no such unused code. */
export async function consumeRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
  const rows = await getDb()
    .db.update(mfaRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(mfaRecoveryCodes.userId, userId),
        eq(mfaRecoveryCodes.codeHash, codeHash),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  return rows.length === 1;
}

export async function markSessionMfaVerified(
  sessionId: string,
  method: MfaMethod,
  db: Database = getDb().db,
): Promise<void> {
  await db
    .update(userSessions)
    .set({ mfaVerifiedAt: new Date(), authMethod: method })
    .where(eq(userSessions.id, sessionId));
}

/** Replaces the user's recovery codes with new hashes (the old ones stop working). */
export async function replaceRecoveryCodes(
  userId: string,
  hashes: string[],
  db: Database = getDb().db,
): Promise<void> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await db.insert(mfaRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/**
 * Turns the pending secret into the confirmed one, with its first step claimed and new recovery
 * codes; the session that confirmed counts as verified (it just passed a code). The user's other
 * sessions now face the code step. False when the pending secret changed meanwhile.
 */
export async function confirmMfaEnrolment(input: {
  userId: string;
  sessionId: string;
  pendingSealed: string;
  step: number;
  recoveryHashes: string[];
}): Promise<boolean> {
  return getDb().db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const rows = await db
      .update(users)
      .set({
        mfaSecret: input.pendingSealed,
        mfaPendingSecret: null,
        mfaEnabledAt: new Date(),
        mfaLastStep: input.step,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, input.userId), eq(users.mfaPendingSecret, input.pendingSealed)))
      .returning({ id: users.id });
    if (rows.length !== 1) return false;
    await replaceRecoveryCodes(input.userId, input.recoveryHashes, db);
    await markSessionMfaVerified(input.sessionId, 'password+totp', db);
    return true;
  });
}

/** Removes the user's second factor entirely (secret, pending secret, last step, codes). */
export async function clearMfa(userId: string, db: Database = getDb().db): Promise<void> {
  await db
    .update(users)
    .set({
      mfaSecret: null,
      mfaPendingSecret: null,
      mfaEnabledAt: null,
      mfaLastStep: null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
}

/** Ends every session of the user now and bumps the session version (their tokens die too). */
export async function endAllSessions(userId: string, db: Database): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)));
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function unusedRecoveryCodeCount(userId: string): Promise<number> {
  const [row] = await getDb()
    .db.select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/**
 * An operator removes another user's second factor: MFA cleared, every session of theirs ended,
 * the system log row (with the reason) and the notice e-mail in one transaction. `notify` sends
 * last (lib/mail/send.ts): a failed delivery rolls the reset back.
 */
export async function resetMfaByOperator(
  actor: ActorContext,
  input: { userId: string; reason: string },
  notify: (db: Database) => Promise<void>,
): Promise<void> {
  await getDb().db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await clearMfa(input.userId, db);
    await endAllSessions(input.userId, db);
    await recordSystemEvent(
      actor,
      {
        action: 'mfa.reset',
        outcome: 'success',
        entityType: 'user',
        entityId: input.userId,
        metadata: { reason: input.reason },
      },
      db,
    );
    await notify(db);
  });
}
