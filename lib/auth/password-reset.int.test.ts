/**
 * Password-reset links end to end against the database and a real SMTP server (in-process): the
 * one answer for every address, the link's lifecycle (hashed, single-use, one hour, replaced by a
 * newer one), throttling per address and per IP, and a reset that ends every session.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createUser, getUser, setUserDisabled } from '@/db/control/users';
import { passwordResetTokens, systemAuditEvents, userSessions, users } from '@/db/schema';
import { requestPasswordResetAction } from '@/lib/auth/actions/request-password-reset';
import { resetPasswordAction } from '@/lib/auth/actions/reset-password';
import { requireUser } from '@/lib/auth/context';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { signInAs, signOut, testSession } from '@/test/session-state';
import { useSmtpCapture } from '@/test/smtp-transport';
import { RESET_LINK_UNUSABLE, RESET_REQUESTED, RESET_THROTTLE } from './password-reset';

const db = useTestDatabase();
const OLD_PASSWORD = 'old kettle on the harbour wall';
const NEW_PASSWORD = 'lanterns drift over wet fields';
let oldHash: string;
let ipCounter = 0;

const smtp = useSmtpCapture();
beforeAll(async () => {
  oldHash = await hashPassword(OLD_PASSWORD);
});
beforeEach(async () => {
  await resetDatabase(db.handle());
  smtp().messages.length = 0;
  signOut();
  // A fresh client address per test, so the per-IP throttle only bites where a test means it to.
  fromIp(`10.0.0.${++ipCounter}`);
});

function fromIp(ip: string) {
  testSession.headers = new Headers({ 'x-forwarded-for': ip, host: 'clinic.example.test' });
}

async function makeUser(email: string) {
  return createUser(SYSTEM_ACTOR, { email, name: 'Rosa Reset', passwordHash: oldHash });
}

/**
 * Asks for a link. Outside a request the work meant for after the response (the look-up and the
 * mail) runs before the action returns (lib/after-response.ts).
 */
const requestLink = (email: string) => requestPasswordResetAction({ email });

const mailsTo = (address: string) => smtp().messages.filter((m) => m.to.includes(address));

function tokenOf(address: string): string {
  const text = mailsTo(address).at(-1)?.parsed.text ?? '';
  const url = text.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0];
  if (!url) throw new Error(`no reset link to ${address}:\n${text}`);
  return new URL(url).pathname.split('/').at(-1)!;
}

const auditRows = (action: string) =>
  getDb().db.select().from(systemAuditEvents).where(eq(systemAuditEvents.action, action));

describe('asking for a link', () => {
  it('mails a link whose token is stored only as its SHA-256, valid for one hour', async () => {
    const user = await makeUser('rosa@example.test');
    const before = Date.now();
    expect((await requestLink('  Rosa@Example.test ')).data).toEqual(RESET_REQUESTED);
    const token = tokenOf('rosa@example.test');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await getDb().db.select().from(passwordResetTokens);
    expect(rows).toEqual([
      expect.objectContaining({
        userId: user.id,
        tokenHash: createHash('sha256').update(token).digest('hex'),
        usedAt: null,
      }),
    ]);
    const validFor = rows[0]!.expiresAt.getTime() - before;
    expect(validFor).toBeGreaterThan(59 * 60_000);
    expect(validFor).toBeLessThanOrEqual(60 * 60_000 + 5_000);
    expect(mailsTo('rosa@example.test')[0]?.parsed.text).toContain(
      'http://clinic.example.test/reset-password/',
    );
    expect(await auditRows('auth.password_reset.requested')).toEqual([
      expect.objectContaining({ actorUserId: user.id, outcome: 'success', ip: '10.0.0.1' }),
    ]);
    expect((await auditRows('mail.sent'))[0]?.metadata).toEqual({
      kind: 'password_reset',
      to: 'rosa@example.test',
    });
  });

  it('gives the same answer for a known, an unknown, a disabled and a throttled address', async () => {
    await makeUser('known@example.test');
    const disabled = await makeUser('disabled@example.test');
    await setUserDisabled(SYSTEM_ACTOR, disabled.id, true);
    await makeUser('busy@example.test');
    for (let i = 0; i < RESET_THROTTLE.email.limit; i++) await requestLink('busy@example.test');
    smtp().messages.length = 0;

    const answers = [
      await requestLink('known@example.test'),
      await requestLink('nobody@example.test'),
      await requestLink('disabled@example.test'),
      await requestLink('busy@example.test'),
    ];
    for (const answer of answers) expect(answer).toEqual({ data: RESET_REQUESTED });
    expect(smtp().messages.map((m) => m.to)).toEqual([['known@example.test']]);
    const reasons = (await auditRows('auth.password_reset.requested')).map((r) => [
      r.outcome,
      (r.metadata as { reason?: string } | null)?.reason,
    ]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['success', undefined],
        ['failure', 'unknown_email'],
        ['failure', 'disabled'],
        ['denied', 'throttled'],
      ]),
    );
  });

  it('throttles per address, whatever the client address', async () => {
    await makeUser('many@example.test');
    for (let i = 0; i < RESET_THROTTLE.email.limit + 1; i++) {
      fromIp(`10.1.0.${i}`);
      await requestLink('MANY@example.test');
    }
    expect(mailsTo('many@example.test')).toHaveLength(RESET_THROTTLE.email.limit);
  });

  it('throttles per client address, whatever the e-mail address', async () => {
    await makeUser('last@example.test');
    for (let i = 0; i < RESET_THROTTLE.ip.limit; i++) await requestLink(`x${i}@example.test`);
    await requestLink('last@example.test');
    expect(mailsTo('last@example.test')).toHaveLength(0);
    fromIp('10.2.0.1');
    await requestLink('last@example.test');
    expect(mailsTo('last@example.test')).toHaveLength(1);
  });

  it('refuses a malformed address with a field message, and NUL bytes or huge input too', async () => {
    for (const email of [
      'not-an-address',
      'a\u0000@example.test',
      `${'a'.repeat(100_000)}@x.test`,
    ]) {
      const r = await requestPasswordResetAction({ email });
      expect(r.validationErrors).toBeDefined();
    }
  });
});

describe('using a link', () => {
  it('sets a password that meets the policy, once; the old password stops working', async () => {
    const user = await makeUser('use@example.test');
    await requestLink('use@example.test');
    const token = tokenOf('use@example.test');

    expect((await resetPasswordAction({ token, password: NEW_PASSWORD })).data).toEqual({
      email: 'use@example.test',
    });
    const row = await getUser(user.id);
    expect(await verifyPassword(row!.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(row!.passwordHash, OLD_PASSWORD)).toBe(false);
    expect(await auditRows('auth.password_reset.completed')).toEqual([
      expect.objectContaining({ actorUserId: user.id, outcome: 'success' }),
    ]);

    const again = await resetPasswordAction({ token, password: 'another fine long passphrase' });
    expect(again.serverError).toBe(RESET_LINK_UNUSABLE);
    expect(await verifyPassword((await getUser(user.id))!.passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it('refuses an expired link and an unknown one, changing nothing', async () => {
    const user = await makeUser('late@example.test');
    await requestLink('late@example.test');
    const token = tokenOf('late@example.test');
    await getDb()
      .db.update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(passwordResetTokens.userId, user.id));
    expect((await resetPasswordAction({ token, password: NEW_PASSWORD })).serverError).toBe(
      RESET_LINK_UNUSABLE,
    );
    const unknown = 'A'.repeat(43);
    expect(
      (await resetPasswordAction({ token: unknown, password: NEW_PASSWORD })).serverError,
    ).toBe(RESET_LINK_UNUSABLE);
    expect((await getUser(user.id))!.passwordHash).toBe(oldHash);
  });

  it('works only for the newest link: asking again invalidates the older one', async () => {
    const user = await makeUser('twice@example.test');
    await requestLink('twice@example.test');
    const first = tokenOf('twice@example.test');
    await requestLink('twice@example.test');
    const second = tokenOf('twice@example.test');
    expect(second).not.toBe(first);
    expect((await resetPasswordAction({ token: first, password: NEW_PASSWORD })).serverError).toBe(
      RESET_LINK_UNUSABLE,
    );
    expect(
      (await resetPasswordAction({ token: second, password: NEW_PASSWORD })).data,
    ).toBeDefined();
    expect(await verifyPassword((await getUser(user.id))!.passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it("refuses a weak password, or one made of the person's own name, and keeps the link", async () => {
    const user = await createUser(SYSTEM_ACTOR, {
      email: 'quillon.vandermeer@example.test',
      name: 'Quillon Vandermeer',
      passwordHash: oldHash,
    });
    await requestLink(user.email);
    const token = tokenOf(user.email);
    for (const password of [
      'password1234',
      'QuillonVandermeer',
      'x\u0000'.repeat(10),
      'y'.repeat(100_000),
    ]) {
      const r = await resetPasswordAction({ token, password });
      expect(r.data).toBeUndefined();
      expect((r.validationErrors as { password?: unknown } | undefined)?.password).toBeDefined();
    }
    expect((await getUser(user.id))!.passwordHash).toBe(oldHash);
    expect((await resetPasswordAction({ token, password: NEW_PASSWORD })).data).toBeDefined();
  });

  it('ends every session of the user and clears the lockout', async () => {
    const user = await makeUser('locked@example.test');
    await signInAs({ id: user.id, sessionVersion: 1 });
    const before = testSession.current;
    await expect(requireUser()).resolves.toBeDefined();
    await getDb()
      .db.update(users)
      .set({ failedLoginCount: 9, lockedUntil: new Date(Date.now() + 60_000) })
      .where(eq(users.id, user.id));

    signOut();
    await requestLink('locked@example.test');
    await resetPasswordAction({ token: tokenOf('locked@example.test'), password: NEW_PASSWORD });

    testSession.current = before;
    await expect(requireUser()).rejects.toThrow('Your session has ended');
    const row = await getUser(user.id);
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null, sessionVersion: 2 });
    // Both locks: the rows are ended too, so even a token re-issued with the new version is refused.
    const sessions = await getDb()
      .db.select()
      .from(userSessions)
      .where(eq(userSessions.userId, user.id));
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.endedAt !== null)).toBe(true);
  });

  it('refuses a link of a user disabled after it was sent', async () => {
    const user = await makeUser('gone@example.test');
    await requestLink('gone@example.test');
    await setUserDisabled(SYSTEM_ACTOR, user.id, true);
    const r = await resetPasswordAction({
      token: tokenOf('gone@example.test'),
      password: NEW_PASSWORD,
    });
    expect(r.serverError).toBe(RESET_LINK_UNUSABLE);
    const [row] = await getDb()
      .db.select()
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, user.id)));
    expect(row?.usedAt).toBeNull();
  });
});
