import { and, desc, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { userSessions, users } from '../schema';
import type { UserRow } from './users';

/** Idle time is tracked to this precision: a busy user's row is written at most this often. */
const TOUCH_EVERY_MS = 30_000;

/** Enough of a User-Agent to name the browser and system; the rest is not worth storing. */
export const USER_AGENT_MAX_LENGTH = 512;

/**
 * Records a sign-in and returns the session id the JWT will carry. Clears this user's sessions
 * that are past the absolute lifetime, so the table only ever holds live-ish rows.
 */
export async function startSession(
  userId: string,
  now: number,
  lifetimeMs: number,
  userAgent: string | null = null,
): Promise<string> {
  return getDb().db.transaction(async (tx) => {
    await tx
      .delete(userSessions)
      .where(
        and(
          eq(userSessions.userId, userId),
          lt(userSessions.createdAt, new Date(now - lifetimeMs)),
        ),
      );
    const [row] = await tx
      .insert(userSessions)
      .values({
        userId,
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        userAgent: userAgent?.slice(0, USER_AGENT_MAX_LENGTH) || null,
      })
      .returning({ id: userSessions.id });
    if (!row) throw new Error('session insert returned nothing');
    return row.id;
  });
}

/** The user of a live session, with whether this session passed the MFA code step. */
export type LiveSessionUser = UserRow & { sessionMfaVerifiedAt: Date | null };

/**
 * The session's user, if the session is neither ended nor idle longer than `idleMs` (one query
 * for both); a live session's activity is then moved to `now`. Only real requests call this, so
 * background polling never extends a session.
 */
export async function findLiveSessionUser(
  sessionId: string,
  userId: string,
  now: number,
  idleMs: number,
): Promise<LiveSessionUser | undefined> {
  const { db } = getDb();
  const [row] = await db
    .select({
      user: users,
      lastSeenAt: userSessions.lastSeenAt,
      mfaVerifiedAt: userSessions.mfaVerifiedAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.id, sessionId),
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const idleFor = now - row.lastSeenAt.getTime();
  if (idleFor > idleMs) return undefined;
  if (idleFor >= TOUCH_EVERY_MS) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(userSessions.id, sessionId));
  }
  return { ...row.user, sessionMfaVerifiedAt: row.mfaVerifiedAt };
}

/** Whether the session passed its MFA code step (user_sessions.mfa_verified_at). */
export async function isSessionMfaVerified(sessionId: string): Promise<boolean> {
  const [row] = await getDb()
    .db.select({ at: userSessions.mfaVerifiedAt })
    .from(userSessions)
    .where(eq(userSessions.id, sessionId))
    .limit(1);
  return Boolean(row?.at);
}

/** Ends a session for good: a copy of its cookie, or a late response re-setting it, is refused. */
export async function endSession(sessionId: string, now: number): Promise<void> {
  await getDb()
    .db.update(userSessions)
    .set({ endedAt: new Date(now) })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
}

/** The user's own live sessions (not ended, not idle longer than `idleMs`), newest activity first. */
export async function listLiveSessions(
  userId: string,
  now: number,
  idleMs: number,
): Promise<SessionSummary[]> {
  return getDb()
    .db.select({
      id: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      userAgent: userSessions.userAgent,
    })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        gt(userSessions.lastSeenAt, new Date(now - idleMs)),
      ),
    )
    .orderBy(desc(userSessions.lastSeenAt));
}

/**
 * Ends the user's sessions other than `keepSessionId` (all of them when it is null), or only the
 * one named by `onlyId`. Every condition names the user, so another user's session id ends
 * nothing. Returns how many were ended.
 */
export async function endUserSessions(
  userId: string,
  now: number,
  { keepSessionId, onlyId }: { keepSessionId: string | null; onlyId?: string },
  db: Database = getDb().db,
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: new Date(now) })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        keepSessionId ? ne(userSessions.id, keepSessionId) : undefined,
        onlyId ? eq(userSessions.id, onlyId) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return ended.length;
}
