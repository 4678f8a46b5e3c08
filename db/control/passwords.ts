import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { passwordResetTokens, users } from '../schema';
import { auditedChange, recordSystemEvent, type ActorContext } from './audit';
import { endUserSessions } from './sessions';

/** Whose password a reset link changes: enough to name them and to judge a new password. */
export interface ResetTarget {
  userId: string;
  email: string;
  name: string;
}

/**
 * Stores a new reset link's hash, valid until `expiresAt`, with its audit row. The user's older
 * links are deleted in the same transaction: only the newest link works. `deliver` sends the link
 * as the transaction's last step, through the handle it is given (sendMail's audit row): a failed
 * delivery leaves no link behind.
 */
export async function issueResetToken(
  actor: ActorContext & { userId: string },
  { tokenHash, expiresAt }: { tokenHash: string; expiresAt: Date },
  deliver: (db: Database) => Promise<void>,
): Promise<void> {
  await getDb().db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, actor.userId));
    await db.insert(passwordResetTokens).values({ userId: actor.userId, tokenHash, expiresAt });
    await recordSystemEvent(
      actor,
      {
        action: 'auth.password_reset.requested',
        outcome: 'success',
        entityType: 'user',
        entityId: actor.userId,
      },
      db,
    );
    await deliver(db);
  });
}

/** Unused, unexpired, and its user still enabled. */
const usable = (tokenHash: string, now: number) =>
  and(
    eq(passwordResetTokens.tokenHash, tokenHash),
    isNull(passwordResetTokens.usedAt),
    gt(passwordResetTokens.expiresAt, new Date(now)),
    inArray(
      passwordResetTokens.userId,
      getDb().db.select({ id: users.id }).from(users).where(eq(users.disabled, false)),
    ),
  );

/** The user a reset link would change, if the link still works (for the page, changes nothing). */
export async function findResetTarget(
  tokenHash: string,
  now: number,
): Promise<ResetTarget | undefined> {
  const [row] = await getDb()
    .db.select({ userId: users.id, email: users.email, name: users.name })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(usable(tokenHash, now))
    .limit(1);
  return row;
}

/**
 * Uses a reset link: marks it used (only one concurrent use can), sets the new password, clears
 * the sign-in lockout, bumps the session version and ends every session of the user, all with
 * the audit row in one transaction. Undefined (nothing changed) for a used, expired or unknown link.
 */
export async function completePasswordReset(
  actor: Omit<ActorContext, 'userId'>,
  tokenHash: string,
  passwordHash: string,
  now: number,
): Promise<ResetTarget | undefined> {
  return getDb().db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const [used] = await db
      .update(passwordResetTokens)
      .set({ usedAt: new Date(now) })
      .where(usable(tokenHash, now))
      .returning({ userId: passwordResetTokens.userId });
    if (!used) return undefined;
    const [user] = await db
      .update(users)
      .set({
        passwordHash,
        failedLoginCount: 0,
        lockedUntil: null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(now),
      })
      .where(eq(users.id, used.userId))
      .returning({ userId: users.id, email: users.email, name: users.name });
    if (!user) return undefined;
    const ended = await endUserSessions(user.userId, now, { keepSessionId: null }, db);
    await recordSystemEvent(
      { ...actor, userId: user.userId },
      {
        action: 'auth.password_reset.completed',
        outcome: 'success',
        entityType: 'user',
        entityId: user.userId,
        metadata: { sessionsEnded: ended },
      },
      db,
    );
    return user;
  });
}

/**
 * The signed-in user's own change: the new password, and every other session of theirs ended
 * (this one stays), audited in the same transaction.
 */
export async function changeOwnPassword(
  actor: ActorContext & { userId: string },
  passwordHash: string,
  keepSessionId: string,
  now: number,
): Promise<number> {
  return auditedChange(
    actor,
    (ended) => ({
      action: 'auth.password_change',
      outcome: 'success',
      entityType: 'user',
      entityId: actor.userId,
      metadata: { sessionsEnded: ended },
    }),
    async (db) => {
      await db
        .update(users)
        .set({ passwordHash, updatedAt: new Date(now) })
        .where(eq(users.id, actor.userId));
      return endUserSessions(actor.userId, now, { keepSessionId }, db);
    },
  );
}
