/**
 * The session rows behind every request (db/control/sessions.ts), by the clock values the callers
 * pass: where a session stops being live, when its activity is written, what sign-in clears.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createUser } from '@/db/control/users';
import { userSessions } from '@/db/schema';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { markSessionMfaVerified } from './mfa';
import { findLiveSessionUser, isSessionMfaVerified, startSession } from './sessions';

const db = useTestDatabase();
const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
const IDLE_MS = 30 * 60_000;
const LIFETIME_MS = 12 * 60 * 60_000;
let userId: string;

beforeEach(async () => {
  await resetDatabase(db.handle());
  const user = await createUser(SYSTEM_ACTOR, {
    email: 'sessions@example.test',
    name: 'Sam Session',
    passwordHash: 'not-a-real-hash',
  });
  userId = user.id;
});

async function lastSeen(sessionId: string): Promise<number | undefined> {
  const [row] = await getDb()
    .db.select({ at: userSessions.lastSeenAt })
    .from(userSessions)
    .where(eq(userSessions.id, sessionId));
  return row?.at.getTime();
}

describe('findLiveSessionUser', () => {
  it('is live up to exactly the idle limit, and not a millisecond after', async () => {
    const id = await startSession(userId, T0, LIFETIME_MS);
    expect(await findLiveSessionUser(id, userId, T0 + IDLE_MS + 1, IDLE_MS)).toBeUndefined();
    expect(await findLiveSessionUser(id, userId, T0 + IDLE_MS, IDLE_MS)).toMatchObject({
      id: userId,
    });
  });

  it('writes activity at most every 30 seconds', async () => {
    const id = await startSession(userId, T0, LIFETIME_MS);
    await findLiveSessionUser(id, userId, T0 + 29_999, IDLE_MS);
    expect(await lastSeen(id)).toBe(T0);
    await findLiveSessionUser(id, userId, T0 + 30_000, IDLE_MS);
    expect(await lastSeen(id)).toBe(T0 + 30_000);
  });
});

describe('isSessionMfaVerified', () => {
  it('is true only for this session once its code step is recorded', async () => {
    const id = await startSession(userId, T0, LIFETIME_MS);
    const other = await startSession(userId, T0, LIFETIME_MS);
    expect(await isSessionMfaVerified(id)).toBe(false);
    await markSessionMfaVerified(id, 'password+totp');
    expect(await isSessionMfaVerified(id)).toBe(true);
    expect(await isSessionMfaVerified(other)).toBe(false);
    expect(await isSessionMfaVerified(crypto.randomUUID())).toBe(false);
  });
});

describe('startSession', () => {
  it("clears the user's sessions past the absolute lifetime, and only those", async () => {
    const expired = await startSession(userId, T0, LIFETIME_MS);
    const recent = await startSession(userId, T0 + LIFETIME_MS, LIFETIME_MS);
    await startSession(userId, T0 + LIFETIME_MS + 1, LIFETIME_MS);
    expect(await lastSeen(expired)).toBeUndefined();
    expect(await lastSeen(recent)).toBe(T0 + LIFETIME_MS);
  });
});
