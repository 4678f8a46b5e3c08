import { eq, sql } from 'drizzle-orm';
import type { Session } from 'next-auth';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { GET as sessionRoute } from '@/app/api/auth/[...nextauth]/route';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addMembership, changeMembershipRole } from '@/db/control/memberships';
import { createUser, getUser, setUserDisabled } from '@/db/control/users';
import { createClinic } from '@/db/control/clinics';
import { endSession } from '@/db/control/sessions';
import { systemAuditEvents, userSessions, users } from '@/db/schema';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';
import { setGlobalModeAction } from '@/lib/auth/actions/global-mode';
import { authenticate } from '@/lib/auth/authenticate';
import { checkToken } from '@/lib/auth/base-config';
import { requireClinicContext, requirePermission, requireUser } from '@/lib/auth/context';
import { hashPassword } from '@/lib/auth/password';
import { FREE_FAILURES } from '@/lib/auth/throttle';
import { evolveToken } from '@/lib/auth/token';
import { authSecret } from '@/lib/env';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { signInAs, testSession } from '@/test/session-state';

const db = useTestDatabase();
const PASSWORD = 'correct horse battery staple';
const META = { ip: '127.0.0.1', requestId: 'test' };

let passwordHash: string;
let north: { id: string };
let harbor: { id: string };

async function makeUser(email: string, extra: { systemRoleId?: string } = {}) {
  passwordHash ??= await hashPassword(PASSWORD);
  return createUser(SYSTEM_ACTOR, { email, name: email, passwordHash, ...extra });
}

async function liveUser(id: string) {
  const user = await getUser(id);
  if (!user) throw new Error('user vanished');
  return user;
}

async function auditActions(userId: string | null): Promise<string[]> {
  const rows = await db
    .handle()
    .db.select({ action: systemAuditEvents.action, outcome: systemAuditEvents.outcome })
    .from(systemAuditEvents)
    .where(userId ? eq(systemAuditEvents.actorUserId, userId) : sql`true`);
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

beforeEach(async () => {
  await resetDatabase(db.handle());
  testSession.current = null;
  north = await createClinic(SYSTEM_ACTOR, { name: 'North', slug: 'north', timezone: 'UTC' });
  harbor = await createClinic(SYSTEM_ACTOR, { name: 'Harbor', slug: 'harbor', timezone: 'UTC' });
});

describe('sign-in', () => {
  it('accepts the right password, case-insensitively by email, and audits it', async () => {
    const user = await makeUser('Doc@Example.test');
    const result = await authenticate('doc@example.TEST', PASSWORD, META);
    expect(result?.id).toBe(user.id);
    expect(await auditActions(user.id)).toContain('auth.sign_in:success');
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const user = await makeUser('doc@example.test');
    expect(await authenticate('nobody@example.test', PASSWORD, META)).toBeNull();
    expect(await authenticate('doc@example.test', 'wrong password!!', META)).toBeNull();
    expect(await auditActions(user.id)).toEqual(['auth.sign_in:failure']);
  });

  it('refuses a disabled user even with the right password', async () => {
    const user = await makeUser('doc@example.test');
    await setUserDisabled(SYSTEM_ACTOR, user.id, true);
    expect(await authenticate('doc@example.test', PASSWORD, META)).toBeNull();
  });

  it('stores argon2id hashes', async () => {
    const user = await makeUser('doc@example.test');
    expect((await liveUser(user.id)).passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('login throttling', () => {
  it('locks the account after repeated failures, refusing even the right password', async () => {
    const user = await makeUser('doc@example.test');
    for (let i = 0; i <= FREE_FAILURES; i++) {
      expect(await authenticate('doc@example.test', `wrong-${i}-password`, META)).toBeNull();
    }
    const locked = await liveUser(user.id);
    expect(locked.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await authenticate('doc@example.test', PASSWORD, META)).toBeNull();

    // Once the lock has passed, the right password works and the counter resets.
    await db
      .handle()
      .db.update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    expect(await authenticate('doc@example.test', PASSWORD, META)).not.toBeNull();
    expect((await liveUser(user.id)).failedLoginCount).toBe(0);
  });
});

describe('revocation and demotion', () => {
  it('ends the session of a user disabled mid-session on the next request', async () => {
    const user = await makeUser('doc@example.test');
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: north.id, roleId: 'doctor' });
    await signInAs(await liveUser(user.id), { clinicId: north.id });
    await expect(requireClinicContext()).resolves.toMatchObject({ clinicId: north.id });

    await setUserDisabled(SYSTEM_ACTOR, user.id, true);
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('ends a session whose version the user has moved past, and only that', async () => {
    const user = await makeUser('doc@example.test');
    await signInAs(await liveUser(user.id));
    await expect(requireUser()).resolves.toMatchObject({ user: { id: user.id } });
    await db
      .handle()
      .db.update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await expect(requireUser()).rejects.toThrow(/session has ended/);
  });

  it('applies a role change on the next request without ending the session', async () => {
    const user = await makeUser('doc@example.test');
    const m = await addMembership(SYSTEM_ACTOR, {
      userId: user.id,
      clinicId: north.id,
      roleId: 'doctor',
    });
    await signInAs(await liveUser(user.id), { clinicId: north.id });
    await expect(requirePermission('patients.export')).resolves.toBeTruthy();

    await changeMembershipRole(SYSTEM_ACTOR, m.id, 'receptionist');
    await expect(requirePermission('patients.export')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requireUser()).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('reads the role from the database, not the token: a demotion applies on the next request', async () => {
    const user = await makeUser('doc@example.test');
    const m = await addMembership(SYSTEM_ACTOR, {
      userId: user.id,
      clinicId: north.id,
      roleId: 'clinic_admin',
    });
    // A token claiming clinic_admin, but the database says receptionist.
    await db
      .handle()
      .db.execute(sql`update clinic_memberships set role_id = 'receptionist' where id = ${m.id}`);
    await signInAs(await liveUser(user.id), { clinicId: north.id, role: 'clinic_admin' });
    await expect(requirePermission('settings.update')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requirePermission('patients.create')).resolves.toMatchObject({
      roleId: 'receptionist',
    });
  });
});

describe('clinic switching', () => {
  it('switches to a clinic the user belongs to and audits it', async () => {
    const user = await makeUser('doc@example.test');
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: north.id, roleId: 'doctor' });
    await addMembership(SYSTEM_ACTOR, {
      userId: user.id,
      clinicId: harbor.id,
      roleId: 'clinic_admin',
    });
    await signInAs(await liveUser(user.id), { clinicId: north.id });

    const result = await switchClinicAction({ clinicId: harbor.id });
    expect(result.data).toEqual({ clinicId: harbor.id, clinicName: 'Harbor' });
    expect(testSession.current).toMatchObject({
      activeClinicId: harbor.id,
      activeRole: 'clinic_admin',
    });
    expect(await auditActions(user.id)).toContain('clinic.switch:success');
  });

  it('refuses a clinic without membership and leaves the session unchanged', async () => {
    const user = await makeUser('doc@example.test');
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: north.id, roleId: 'doctor' });
    await signInAs(await liveUser(user.id), { clinicId: north.id });
    const before = structuredClone(testSession.current);

    const result = await switchClinicAction({ clinicId: harbor.id });
    expect(result.serverError).toMatch(/not a member/);
    expect(testSession.current).toEqual(before);
    expect(await auditActions(user.id)).toContain('security.cross_tenant_attempt:denied');
  });

  it('raises an alert on the third cross-clinic attempt in a short window', async () => {
    const user = await makeUser('doc@example.test');
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: north.id, roleId: 'doctor' });
    await signInAs(await liveUser(user.id), { clinicId: north.id });
    for (let i = 0; i < 3; i++) await switchClinicAction({ clinicId: harbor.id });
    expect(await auditActions(user.id)).toContain('security.cross_tenant_alert:denied');
  });
});

describe('global mode', () => {
  it('is refused to clinic staff and audited', async () => {
    const user = await makeUser('admin@example.test');
    await addMembership(SYSTEM_ACTOR, {
      userId: user.id,
      clinicId: north.id,
      roleId: 'clinic_admin',
    });
    await signInAs(await liveUser(user.id), { clinicId: north.id });
    const result = await setGlobalModeAction({ on: true });
    expect(result.serverError).toMatch(/system admins/);
    expect(testSession.current?.globalMode).toBe(false);
    expect(await auditActions(user.id)).toContain('global_mode.enter:denied');
  });

  it('lets a system admin enter and leave, clearing any active clinic, and audits both', async () => {
    const ops = await makeUser('ops@example.test', { systemRoleId: 'system_admin' });
    await signInAs(await liveUser(ops.id));
    expect((await setGlobalModeAction({ on: true })).data).toEqual({ globalMode: true });
    expect(testSession.current).toMatchObject({ globalMode: true, activeClinicId: null });
    // Global mode grants no clinic context, so no tenant-plane writes.
    await expect(requireClinicContext()).rejects.toThrow(/clinic/i);
    await setGlobalModeAction({ on: false });
    expect(await auditActions(ops.id)).toEqual(
      expect.arrayContaining(['global_mode.enter:success', 'global_mode.leave:success']),
    );
  });
});

describe('the token lifecycle', () => {
  const now = Date.now();
  const token = { uid: 'u', sv: 1, sessionId: 's', authTime: now, activeClinicId: null };

  it('ignores session updates that come from the client', async () => {
    const user = await makeUser('doc@example.test');
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: north.id, roleId: 'doctor' });
    const forged = await evolveToken({
      token: { ...token, uid: user.id },
      trigger: 'update',
      session: { intent: { type: 'switch-clinic', clinicId: north.id } },
      pathname: '/api/auth/session',
    });
    expect(forged?.activeClinicId).toBeNull();
    const fromServer = await evolveToken({
      token: { ...token, uid: user.id },
      trigger: 'update',
      session: { intent: { type: 'switch-clinic', clinicId: north.id } },
      pathname: undefined,
    });
    expect(fromServer?.activeClinicId).toBe(north.id);
  });

  it('does not let a server update switch to a clinic without membership', async () => {
    const user = await makeUser('doc@example.test');
    const next = await evolveToken({
      token: { ...token, uid: user.id },
      trigger: 'update',
      session: { intent: { type: 'switch-clinic', clinicId: harbor.id } },
      pathname: undefined,
    });
    expect(next?.activeClinicId).toBeNull();
  });

  it('starts a one-clinic user in their clinic at sign-in', async () => {
    const user = await makeUser('doc@example.test');
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: north.id, roleId: 'nurse' });
    const signedIn = await evolveToken({
      token: {},
      user: { id: user.id, sessionVersion: 2 },
      pathname: undefined,
    });
    expect(signedIn).toMatchObject({ activeClinicId: north.id, activeRole: 'nurse', sv: 2 });
    const [row] = await db.handle().db.select().from(userSessions);
    expect(signedIn?.sessionId).toBe(row?.id);
  });
});

describe('landing at sign-in', () => {
  const signIn = (id: string) => evolveToken({ token: {}, user: { id }, pathname: undefined });

  it('starts an operator of no clinic in global mode, and audits it', async () => {
    const ops = await makeUser('ops@example.test', { systemRoleId: 'system_admin' });
    expect(await signIn(ops.id)).toMatchObject({ globalMode: true, activeClinicId: null });
    expect(await auditActions(ops.id)).toEqual(['global_mode.enter:success']);
  });

  it('leaves an operator with a clinic, and anyone else without one, outside it', async () => {
    const ops = await makeUser('ops@example.test', { systemRoleId: 'system_admin' });
    await addMembership(SYSTEM_ACTOR, { userId: ops.id, clinicId: north.id, roleId: 'doctor' });
    expect(await signIn(ops.id)).toMatchObject({ globalMode: false, activeClinicId: north.id });
    const nobody = await makeUser('nobody@example.test');
    expect(await signIn(nobody.id)).toMatchObject({ globalMode: false, activeClinicId: null });
    expect(await auditActions(ops.id)).toEqual([]);
    expect(await auditActions(nobody.id)).toEqual([]);
  });
});

describe('the session row', () => {
  const IDLE_MS = 30 * 60_000;
  afterEach(() => vi.useRealTimers());

  async function signedInDoctor() {
    const user = await makeUser('doc@example.test');
    await signInAs(await liveUser(user.id));
    return user;
  }

  it('ends after 30 idle minutes, by a fake clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await signedInDoctor();
    vi.advanceTimersByTime(IDLE_MS - 1_000);
    await expect(requireUser()).resolves.toBeTruthy();
    vi.advanceTimersByTime(IDLE_MS + 1_000);
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('stays alive while the user works, but not past 12 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const signedInAt = Date.now();
    await signedInDoctor();
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      vi.advanceTimersByTime(20 * 60_000);
      await expect(requireUser()).resolves.toBeTruthy();
    }
    // The absolute limit is the token's: next-auth's jwt callback drops a token past it.
    vi.advanceTimersByTime(40 * 60_000);
    expect(checkToken({ ...testSession.current, authTime: signedInAt })).toBeNull();
  });

  it('is not extended by session polling (GET /api/auth/session)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const user = await signedInDoctor();
    const claims = testSession.current;
    if (!claims) throw new Error('not signed in');
    vi.advanceTimersByTime(IDLE_MS - 60_000);
    const cookieName = 'authjs.session-token';
    const cookie = await encode({
      token: { ...claims, authTime: Date.now() - (IDLE_MS - 60_000) },
      secret: authSecret(),
      salt: cookieName,
    });
    const polled = await sessionRoute(
      new NextRequest('http://localhost/api/auth/session', {
        headers: { cookie: `${cookieName}=${cookie}` },
      }),
    );
    expect(((await polled.json()) as Session).claims.uid).toBe(user.id);
    // Nor does it re-issue the cookie: a late answer must not undo a clinic switch.
    expect(polled.headers.get('set-cookie')).toBeNull();
    vi.advanceTimersByTime(2 * 60_000);
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('is refused once signed out, even if the old token comes back', async () => {
    await signedInDoctor();
    const claims = testSession.current;
    if (!claims) throw new Error('not signed in');
    await endSession(claims.sessionId, Date.now());
    testSession.current = claims;
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("belongs to one user: another user's session id is refused", async () => {
    await signedInDoctor();
    const doctorSession = testSession.current?.sessionId;
    const other = await makeUser('nurse@example.test');
    await signInAs(await liveUser(other.id));
    testSession.current = { ...testSession.current!, sessionId: doctorSession! };
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
