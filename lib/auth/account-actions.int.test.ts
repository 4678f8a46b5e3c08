/**
 * The account page's actions for the signed-in user: changing the password (the current one
 * required, counted like a sign-in failure when wrong; other sessions signed out, this one kept)
 * and ending their own other sessions, never anyone else's. Plus the session list it shows.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { startSession } from '@/db/control/sessions';
import { createUser, getUser } from '@/db/control/users';
import { systemAuditEvents, userSessions } from '@/db/schema';
import { changePasswordAction } from '@/lib/auth/actions/change-password';
import { endSessionsAction } from '@/lib/auth/actions/end-sessions';
import { ABSOLUTE_LIFETIME_MS } from '@/lib/auth/claims';
import { requireUser } from '@/lib/auth/context';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { signInAs, signOut, testSession } from '@/test/session-state';
import { describeUserAgent, loadOwnSessions } from './own-sessions';

const db = useTestDatabase();
const PASSWORD = 'old kettle on the harbour wall';
const NEW_PASSWORD = 'lanterns drift over wet fields';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
let hash: string;
let me: { id: string };
let other: { id: string };

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});
beforeEach(async () => {
  await resetDatabase(db.handle());
  me = await createUser(SYSTEM_ACTOR, {
    email: 'me@example.test',
    name: 'Quillon Vandermeer',
    passwordHash: hash,
  });
  other = await createUser(SYSTEM_ACTOR, {
    email: 'other@example.test',
    name: 'Otto Other',
    passwordHash: hash,
  });
  await signInAs({ id: me.id, sessionVersion: 1 });
});

const ended = async (sessionId: string) => {
  const [row] = await getDb().db.select().from(userSessions).where(eq(userSessions.id, sessionId));
  return row?.endedAt !== null;
};
const another = (userId: string, userAgent: string | null = null) =>
  startSession(userId, Date.now(), ABSOLUTE_LIFETIME_MS, userAgent);
const fieldError = (r: { validationErrors?: unknown }, field: string) =>
  (r.validationErrors as Record<string, { _errors?: string[] }> | undefined)?.[field]?._errors?.[0];
const audits = (action: string) =>
  getDb().db.select().from(systemAuditEvents).where(eq(systemAuditEvents.action, action));

describe('changing the password', () => {
  it('needs the current password; a wrong one counts towards the lockout and is audited', async () => {
    const r = await changePasswordAction({ currentPassword: 'wrong', newPassword: NEW_PASSWORD });
    expect(fieldError(r, 'currentPassword')).toBe('This is not your current password.');
    const row = await getUser(me.id);
    expect(row?.failedLoginCount).toBe(1);
    expect(await verifyPassword(row!.passwordHash, PASSWORD)).toBe(true);
    expect(await audits('auth.password_change')).toEqual([
      expect.objectContaining({ actorUserId: me.id, outcome: 'denied' }),
    ]);
  });

  it('refuses while the account is locked, even with the right password', async () => {
    for (let i = 0; i < 6; i++) {
      await changePasswordAction({ currentPassword: 'wrong', newPassword: NEW_PASSWORD });
    }
    const r = await changePasswordAction({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(fieldError(r, 'currentPassword')).toMatch(/Too many wrong passwords/);
    expect(await verifyPassword((await getUser(me.id))!.passwordHash, PASSWORD)).toBe(true);
  });

  it('refuses a weak new password, the same one, and hostile input with field messages', async () => {
    const cases: [string, string, string][] = [
      [PASSWORD, 'password1234', 'newPassword'],
      [PASSWORD, 'QuillonVandermeer', 'newPassword'],
      [PASSWORD, PASSWORD, 'newPassword'],
      ['a\u0000b', NEW_PASSWORD, 'currentPassword'],
      [PASSWORD, 'z'.repeat(100_000), 'newPassword'],
    ];
    for (const [currentPassword, newPassword, field] of cases) {
      const r = await changePasswordAction({ currentPassword, newPassword });
      expect(fieldError(r, field), `${field} for ${newPassword.slice(0, 20)}`).toBeDefined();
    }
    expect(await verifyPassword((await getUser(me.id))!.passwordHash, PASSWORD)).toBe(true);
  });

  it('changes it, signs out every other session and keeps this one', async () => {
    const elsewhere = await another(me.id);
    const theirs = await another(other.id);
    const r = await changePasswordAction({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(r.data).toEqual({ otherSessionsEnded: 1 });
    expect(await verifyPassword((await getUser(me.id))!.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await ended(elsewhere)).toBe(true);
    expect(await ended(theirs)).toBe(false);
    await expect(requireUser()).resolves.toMatchObject({ user: { id: me.id } });
  });

  it('refuses anonymous callers', async () => {
    signOut();
    const r = await changePasswordAction({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(r.serverError).toBe('Please sign in');
  });
});

describe('the own sessions', () => {
  it('lists only the caller’s live sessions, this one first, with a readable browser', async () => {
    const phone = await another(me.id, SAFARI_IPHONE);
    const gone = await another(me.id, CHROME_LINUX);
    await another(other.id, CHROME_LINUX);
    await getDb()
      .db.update(userSessions)
      .set({ endedAt: new Date() })
      .where(eq(userSessions.id, gone));
    const list = await loadOwnSessions(me.id, testSession.current!.sessionId);
    expect(list.map((s) => [s.id, s.current, s.browser])).toEqual([
      [testSession.current!.sessionId, true, 'Unknown browser'],
      [phone, false, 'Safari 17 on iOS'],
    ]);
  });

  it('names browsers from the User-Agent, and stores it cut short', async () => {
    expect(describeUserAgent(CHROME_LINUX)).toBe('Chrome 131 on Linux');
    expect(describeUserAgent('curl/8.5.0')).toBe('Unknown browser');
    const long = await another(me.id, CHROME_LINUX + 'x'.repeat(5000));
    const [row] = await getDb().db.select().from(userSessions).where(eq(userSessions.id, long));
    expect(row?.userAgent).toHaveLength(512);
  });

  it('signs out all other sessions of the caller, and no one else’s', async () => {
    const a = await another(me.id);
    const b = await another(me.id);
    const theirs = await another(other.id);
    expect((await endSessionsAction({})).data).toEqual({ ended: 2 });
    expect([await ended(a), await ended(b), await ended(theirs)]).toEqual([true, true, false]);
    await expect(requireUser()).resolves.toBeDefined();
  });

  it('signs out one other session by id', async () => {
    const a = await another(me.id);
    const b = await another(me.id);
    expect((await endSessionsAction({ sessionId: a })).data).toEqual({ ended: 1 });
    expect([await ended(a), await ended(b)]).toEqual([true, false]);
  });

  it('refuses another user’s session id (audited) and this session’s own id', async () => {
    const theirs = await another(other.id);
    const r = await endSessionsAction({ sessionId: theirs });
    expect(r.serverError).toBe('That session has already ended.');
    expect(await ended(theirs)).toBe(false);
    expect(await audits('auth.sessions_end')).toEqual([
      expect.objectContaining({ actorUserId: me.id, outcome: 'denied', entityId: theirs }),
    ]);
    const own = await endSessionsAction({ sessionId: testSession.current!.sessionId });
    expect(own.serverError).toBe('To end this session, sign out.');
    await expect(requireUser()).resolves.toBeDefined();
  });
});
