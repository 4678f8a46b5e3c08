/**
 * Support access (issue 10 §5): opening it from global mode only, with a reason and at most 60
 * minutes; read-only unless write was asked for with a second reason; every action audited in the
 * clinic's log and the system log; ended by expiry, by the operator or by the clinic's admin, after
 * which the operator's next request is back in global mode.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { getSupportSession } from '@/db/control/support-sessions';
import {
  auditEvents,
  patients,
  supportSessions,
  systemAuditEvents,
  userSessions,
  users,
} from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { endSupportSessionAction } from '@/lib/actions/members/end-support-session';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { endSupportAccessAction } from '@/lib/auth/actions/end-support-access';
import { signOutAction } from '@/lib/auth/actions/sign-out';
import { can, requireClinicContext, requireUser } from '@/lib/auth/context';
import { evolveToken } from '@/lib/auth/token';
import { openSupportAccessAction } from '@/lib/control/actions/open-support-access';
import { getPatientForView } from '@/lib/data/patients';
import { ForbiddenError, NoClinicError } from '@/lib/errors';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { buildWorld, signIn, type World } from '@/test/isolation-harness';
import { fromPage, testSession } from '@/test/session-state';
import { supportSessionsOfClinic } from './listing';

const db = useTestDatabase();
let w: World;

beforeEach(async () => {
  await resetDatabase(db.handle());
  w = await buildWorld();
});

const reason = 'Ticket 1234: the calendar shows no slots';
const newPatient = {
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1985-12-10',
  sex: 'female',
  confirmDuplicate: true,
} as const;

/** Ops in global mode opens support access to clinic A; the test session is now in it. */
async function openAsOps(input: Record<string, unknown> = {}): Promise<string> {
  await signIn({ label: 'ops', user: w.ops, globalMode: true });
  const r = await openSupportAccessAction({
    clinicId: w.a.id,
    durationMinutes: 15,
    reason,
    ...input,
  });
  expect(r.serverError ?? r.validationErrors).toBeUndefined();
  return r.data!.supportSessionId;
}

async function systemRows(action: string) {
  return getDb().db.select().from(systemAuditEvents).where(eq(systemAuditEvents.action, action));
}

async function clinicRows(clinicId: string, action: string) {
  return tenantDb(clinicId).list(auditEvents, {
    where: eq(auditEvents.action, action),
    limit: 50,
  });
}

describe('opening support access', () => {
  it('refuses a missing or short reason, more than 60 minutes, and write without its reason', async () => {
    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    const base = { clinicId: w.a.id, durationMinutes: 15, reason };
    const cases = [
      { ...base, reason: '' },
      { ...base, reason: '   too short   ' },
      { ...base, durationMinutes: 61 },
      { ...base, durationMinutes: 120 },
      { ...base, durationMinutes: 'sixty' },
      { ...base, write: true },
      { ...base, write: true, writeReason: '' },
      { ...base, reason: `bad\u0000byte in the reason` },
      { ...base, reason: 'x'.repeat(100_000) },
    ];
    for (const input of cases) {
      const r = await openSupportAccessAction(input);
      expect(r.validationErrors, JSON.stringify(input).slice(0, 80)).toBeDefined();
    }
    expect(await getDb().db.select().from(supportSessions)).toEqual([]);
    expect(testSession.current?.globalMode).toBe(true);
  });

  it('refuses outside global mode, a clinic admin, and a deactivated clinic', async () => {
    const input = { clinicId: w.a.id, durationMinutes: 15, reason };
    await signIn({ label: 'ops outside global mode', user: w.ops });
    expect((await openSupportAccessAction(input)).serverError).toMatch(/global mode/);
    await signIn({ label: 'admin', user: w.a.users.clinic_admin, clinicId: w.a.id });
    expect((await openSupportAccessAction(input)).serverError).toMatch(/global mode/);
    await signIn({
      label: 'admin claiming global',
      user: w.a.users.clinic_admin,
      globalMode: true,
    });
    expect((await openSupportAccessAction(input)).serverError).toMatch(/global mode/);
    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    const closed = await openSupportAccessAction({ ...input, clinicId: w.inactiveClinic.id });
    expect(closed.serverError).toMatch(/deactivated/);
    expect(await getDb().db.select().from(supportSessions)).toEqual([]);
  });

  it('switches the session into the clinic, read-only, audited in both logs', async () => {
    const id = await openAsOps();
    expect(testSession.current).toMatchObject({
      activeClinicId: w.a.id,
      activeRole: 'support_read',
      globalMode: false,
      supportSessionId: id,
    });
    const ctx = await requireClinicContext();
    expect(ctx).toMatchObject({ clinicId: w.a.id, roleId: 'support_read' });
    const [system] = await systemRows('support.open');
    expect(system).toMatchObject({ actorUserId: w.ops.id, clinicId: w.a.id, entityId: id });
    const [clinic] = await clinicRows(w.a.id, 'support.open');
    expect(clinic).toMatchObject({ actorUserId: w.ops.id, entityId: id });
    expect(clinic?.metadata).toMatchObject({ supportSessionId: id, operatorUserId: w.ops.id });
    const row = await getSupportSession(id);
    expect(row!.expiresAt.getTime() - row!.startedAt.getTime()).toBe(15 * 60_000);
  });
});

describe('during support access', () => {
  it('read-only: reads are audited in both logs, writes are refused', async () => {
    const id = await openAsOps();
    const ctx = await requireClinicContext();
    await getPatientForView(ctx, w.a.patientIds[0]!);
    const [view] = await clinicRows(w.a.id, 'patient.view');
    expect(view).toMatchObject({ actorUserId: w.ops.id, entityId: w.a.patientIds[0] });
    expect(view?.metadata).toMatchObject({ supportSessionId: id, operatorUserId: w.ops.id });
    const [mirrored] = await systemRows('support.patient.view');
    expect(mirrored).toMatchObject({ actorUserId: w.ops.id, clinicId: w.a.id });
    expect(mirrored?.metadata).toMatchObject({ supportSessionId: id });

    const before = await tenantDb(w.a.id).count(patients);
    const r = await fromPage(createPatientAction)(newPatient);
    expect(r.serverError).toBe(new ForbiddenError().message);
    expect(await tenantDb(w.a.id).count(patients)).toBe(before);
    const [denied] = await clinicRows(w.a.id, 'authz.denied');
    expect(denied?.metadata).toMatchObject({ permission: 'patients.create', supportSessionId: id });
    expect(await systemRows('support.authz.denied')).toHaveLength(1);
  });

  it('write access (with its own reason) allows writes, flagged as support.open_write', async () => {
    const id = await openAsOps({ write: true, writeReason: 'Fix the double-booked appointment' });
    expect(testSession.current?.activeRole).toBe('support_write');
    expect(await systemRows('support.open_write')).toHaveLength(1);
    const r = await fromPage(createPatientAction)(newPatient);
    expect(r.serverError ?? r.validationErrors).toBeUndefined();
    const [created] = await clinicRows(w.a.id, 'patient.create');
    expect(created?.metadata).toMatchObject({ supportSessionId: id });
    expect(await systemRows('support.patient.create')).toHaveLength(1);
    // Never membership changes nor downloads, even with write access.
    const ctx = await requireClinicContext();
    for (const p of ['members.manage', 'exports.download', 'patients.export'] as const) {
      expect(can(ctx, p), p).toBe(false);
    }
  });
});

describe('ending support access', () => {
  it('at expiry: the next request is back in global mode, and the end is in both logs', async () => {
    const id = await openAsOps();
    const past = new Date(Date.now() - 1000);
    await getDb()
      .db.update(supportSessions)
      .set({ expiresAt: past })
      .where(eq(supportSessions.id, id));
    await expect(requireClinicContext()).rejects.toBeInstanceOf(NoClinicError);
    const user = await requireUser();
    expect(user.support).toBeNull();
    expect(user.session).toMatchObject({ globalMode: true, activeClinicId: null });
    const row = await getSupportSession(id);
    expect(row).toMatchObject({ endedAt: past, endedBy: null });
    const [system] = await systemRows('support.end');
    expect(system).toMatchObject({ entityId: id, clinicId: w.a.id });
    expect(system?.metadata).toMatchObject({ endedBy: 'expired', operatorUserId: w.ops.id });
    const [clinic] = await clinicRows(w.a.id, 'support.end');
    expect(clinic?.metadata).toMatchObject({ endedBy: 'expired', supportSessionId: id });
    // Audited once, however many requests notice it.
    await requireUser();
    expect(await systemRows('support.end')).toHaveLength(1);
  });

  it('for an operator whose role was taken away meanwhile: out of the clinic, and not global', async () => {
    await openAsOps();
    await getDb().db.update(users).set({ systemRoleId: null }).where(eq(users.id, w.ops.id));
    const user = await requireUser();
    expect(user.support).toBeNull();
    expect(user.session).toMatchObject({ globalMode: false, activeClinicId: null });
    await expect(requireClinicContext()).rejects.toBeInstanceOf(NoClinicError);
  });

  it('stays in the clinic’s list after the sign-in session that opened it is cleared away', async () => {
    const id = await openAsOps();
    const row = await getSupportSession(id);
    // Sign-in prunes a user's sessions past their lifetime (db/control/sessions.ts).
    await getDb().db.delete(userSessions).where(eq(userSessions.id, row!.userSessionId!));
    const listed = await supportSessionsOfClinic(w.a.id);
    expect(listed.map((s) => [s.id, s.reason])).toEqual([[id, reason]]);
  });

  it('the token of an ended session is put back in global mode when next-auth re-reads it', async () => {
    const id = await openAsOps();
    const token = { ...testSession.current!, authTime: Date.now() };
    expect(await evolveToken({ token, pathname: '/api/auth/session' })).toMatchObject({
      supportSessionId: id,
    });
    await getDb()
      .db.update(supportSessions)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(supportSessions.id, id));
    expect(await evolveToken({ token, pathname: '/api/auth/session' })).toMatchObject({
      supportSessionId: null,
      activeClinicId: null,
      globalMode: true,
    });
  });

  it('by a clinic admin of that clinic; another clinic’s admin can neither see nor end it', async () => {
    const id = await openAsOps();
    const operator = testSession.current;

    await signIn({ label: 'b admin', user: w.b.users.clinic_admin, clinicId: w.b.id });
    expect(await supportSessionsOfClinic(w.b.id)).toEqual([]);
    const foreign = await fromPage(endSupportSessionAction)({ supportSessionId: id });
    expect(foreign.serverError).toBe('Support session not found.');
    expect((await getSupportSession(id))?.endedAt).toBeNull();

    await signIn({ label: 'a nurse', user: w.a.users.nurse, clinicId: w.a.id });
    const nurse = await fromPage(endSupportSessionAction)({ supportSessionId: id });
    expect(nurse.serverError).toBe(new ForbiddenError().message);

    await signIn({ label: 'a admin', user: w.a.users.clinic_admin, clinicId: w.a.id });
    const [listed] = await supportSessionsOfClinic(w.a.id);
    expect(listed).toMatchObject({ id, status: 'active', reason, operatorEmail: w.ops.email });
    const r = await fromPage(endSupportSessionAction)({ supportSessionId: id });
    expect(r.serverError).toBeUndefined();
    expect((await supportSessionsOfClinic(w.a.id))[0]?.status).toBe('clinic_admin');
    const [end] = await clinicRows(w.a.id, 'support.end');
    expect(end).toMatchObject({ actorUserId: w.a.users.clinic_admin.id });
    expect(end?.metadata).toMatchObject({ endedBy: 'clinic_admin', operatorUserId: w.ops.id });
    expect(await systemRows('support.end')).toHaveLength(1);

    testSession.current = operator;
    await expect(requireClinicContext()).rejects.toBeInstanceOf(NoClinicError);
    expect((await requireUser()).session.globalMode).toBe(true);
  });

  it('by the operator, from the banner', async () => {
    const id = await openAsOps();
    const r = await endSupportAccessAction({});
    expect(r.data).toEqual({ ended: id });
    expect(testSession.current).toMatchObject({ globalMode: true, supportSessionId: null });
    expect((await supportSessionsOfClinic(w.a.id))[0]?.status).toBe('operator');
    const [end] = await systemRows('support.end');
    expect(end?.metadata).toMatchObject({ endedBy: 'operator' });
  });

  it('by signing out: the clinic no longer sees it as active', async () => {
    const id = await openAsOps();
    // next-auth's signOut ends the action with its redirect; the rows are written before it.
    await signOutAction().catch(() => undefined);
    expect(await getSupportSession(id)).toMatchObject({ endedBy: w.ops.id });
    expect((await supportSessionsOfClinic(w.a.id))[0]?.status).toBe('operator');
  });

  it('is bound to the sign-in session that opened it: a copied pointer in another session grants nothing', async () => {
    const id = await openAsOps();
    await signIn({ label: 'ops elsewhere', user: w.ops, clinicId: w.a.id });
    testSession.current = { ...testSession.current!, supportSessionId: id };
    await expect(requireClinicContext()).rejects.toBeInstanceOf(NoClinicError);
    // Someone else's session pointing at it gets nothing either.
    await signIn({ label: 'b admin', user: w.b.users.clinic_admin, clinicId: w.a.id });
    testSession.current = { ...testSession.current!, supportSessionId: id };
    await expect(requireClinicContext()).rejects.toBeInstanceOf(NoClinicError);
    const live = await getDb()
      .db.select()
      .from(supportSessions)
      .where(and(eq(supportSessions.id, id)));
    expect(live[0]?.endedAt).toBeNull();
  });
});
