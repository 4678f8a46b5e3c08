/**
 * The code step, for real against the database: a right code, a wrong one, replay, recovery codes
 * used once, the lockout, and the gate: a session that has not passed its code step reaches
 * nothing of the clinic (page guard, action, route) or the account.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { addMembership } from '@/db/control/memberships';
import { getUser } from '@/db/control/users';
import { systemAuditEvents, userSessions } from '@/db/schema';
import { GET as patientSearchGET } from '@/app/api/patients/search/route';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { startMfaEnrolmentAction } from '@/lib/auth/actions/start-mfa-enrolment';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';
import { verifyMfaAction } from '@/lib/auth/actions/verify-mfa';
import { requireAccountUser, requireClinicContext, requireUser } from '@/lib/auth/context';
import { CODE_FAILED } from '@/lib/auth/mfa/schemas';
import { MfaRequiredError } from '@/lib/errors';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { codeFor, enrolCurrentUser, makePasswordUser, newSession } from '@/test/mfa-fixtures';
import { fromPage, signOut, testSession } from '@/test/session-state';

const db = useTestDatabase();
let clinic: TestClinic;
let user: { id: string; email: string };
let secret: string;
let recoveryCodes: string[];

beforeEach(async () => {
  await resetDatabase(db.handle());
  clinic = await makeClinic('north');
  user = await makePasswordUser();
  await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: clinic.id, roleId: 'doctor' });
  await newSession(user.id, { clinicId: clinic.id });
  ({ secret, recoveryCodes } = await enrolCurrentUser(user.id));
  // The password step of a later sign-in: a new session, not yet past its code step.
  await newSession(user.id, { clinicId: clinic.id });
});

const thisSession = async () => {
  const [row] = await getDb()
    .db.select()
    .from(userSessions)
    .where(eq(userSessions.id, testSession.current?.sessionId ?? ''));
  return row;
};
const failures = async () =>
  getDb()
    .db.select({ metadata: systemAuditEvents.metadata })
    .from(systemAuditEvents)
    .where(
      and(
        eq(systemAuditEvents.action, 'auth.mfa_verify'),
        eq(systemAuditEvents.outcome, 'failure'),
      ),
    );

describe('the code step gates everything', () => {
  it('refuses the clinic (guard, action, route), the account and session actions', async () => {
    await expect(requireUser()).rejects.toBeInstanceOf(MfaRequiredError);
    await expect(requireAccountUser()).rejects.toBeInstanceOf(MfaRequiredError);
    await expect(requireClinicContext()).rejects.toBeInstanceOf(MfaRequiredError);
    const created = await fromPage(createPatientAction)({
      givenName: 'Gated',
      familyName: 'Out',
      dateOfBirth: '1980-01-01',
      sex: 'female',
      confirmDuplicate: true,
    });
    expect(created.serverError).toMatch(/code/);
    const res = await patientSearchGET(
      new Request('http://localhost/api/patients/search?q=Garcia') as never,
      { params: Promise.resolve({}) } as never,
    );
    expect(res.status).toBe(401);
    expect((await startMfaEnrolmentAction()).serverError).toMatch(/code/);
    expect((await switchClinicAction({ clinicId: clinic.id })).serverError).toMatch(/code/);
    const deniedRows = () =>
      getDb()
        .db.select()
        .from(systemAuditEvents)
        .where(eq(systemAuditEvents.action, 'auth.mfa_required'));
    const denied = await deniedRows();
    const refusedAction = (action: string) =>
      expect.objectContaining({ actorUserId: user.id, outcome: 'denied', metadata: { action } });
    expect(denied).toEqual(
      expect.arrayContaining([refusedAction('startMfaEnrolment'), refusedAction('switchClinic')]),
    );
    // Only the missing code step is audited here: a signed-out caller is refused without a row.
    signOut();
    expect((await switchClinicAction({ clinicId: clinic.id })).serverError).toMatch(/sign in/i);
    expect(await deniedRows()).toHaveLength(denied.length);
  });

  it('opens once a right code passes, and records how the session was authenticated', async () => {
    const r = await verifyMfaAction({ code: codeFor(secret, 1), callbackUrl: '/patients' });
    expect(r.data).toEqual({ redirectTo: '/patients', usedRecoveryCode: false });
    expect(await thisSession()).toMatchObject({ authMethod: 'password+totp' });
    expect((await thisSession())?.mfaVerifiedAt).toBeInstanceOf(Date);
    await expect(requireClinicContext()).resolves.toMatchObject({ clinicId: clinic.id });
  });

  it('is refused anonymously and to a session that is not waiting for a code', async () => {
    signOut();
    expect((await verifyMfaAction({ code: codeFor(secret, 1) })).serverError).toMatch(
      /Please sign in/,
    );
    await newSession(user.id, { clinicId: clinic.id });
    await verifyMfaAction({ code: codeFor(secret, 1) });
    expect((await verifyMfaAction({ code: codeFor(secret, 2) })).serverError).toMatch(
      /no sign-in code/,
    );
  });
});

describe('codes', () => {
  it('refuses a wrong code and counts it', async () => {
    expect((await verifyMfaAction({ code: '000000' })).serverError).toBe(CODE_FAILED);
    expect((await getUser(user.id))?.failedLoginCount).toBe(1);
    expect((await thisSession())?.mfaVerifiedAt).toBeNull();
    expect(await failures()).toEqual([{ metadata: { reason: 'bad_code' } }]);
  });

  it('refuses a code used before, inside its window (replay)', async () => {
    // The enrolment claimed the current step: the same code again is a replay.
    expect((await verifyMfaAction({ code: codeFor(secret) })).serverError).toBe(CODE_FAILED);
    const later = codeFor(secret, 1);
    expect((await verifyMfaAction({ code: later })).data).toBeDefined();
    await newSession(user.id, { clinicId: clinic.id });
    expect((await verifyMfaAction({ code: later })).serverError).toBe(CODE_FAILED);
    expect((await failures()).map((f) => f.metadata)).toEqual([
      { reason: 'replayed_code' },
      { reason: 'replayed_code' },
    ]);
  });

  it('accepts a recovery code once, in any case and spacing', async () => {
    const [code = ''] = recoveryCodes;
    const typed = code.toUpperCase().replace(/-/g, ' ');
    expect((await verifyMfaAction({ code: typed })).data?.usedRecoveryCode).toBe(true);
    expect(await thisSession()).toMatchObject({ authMethod: 'password+recovery_code' });
    await newSession(user.id, { clinicId: clinic.id });
    expect((await verifyMfaAction({ code })).serverError).toBe(CODE_FAILED);
    expect((await verifyMfaAction({ code: recoveryCodes[1] ?? '' })).data).toBeDefined();
  });

  it('locks the account like wrong passwords: then even a right code is refused', async () => {
    for (let i = 0; i < 5; i++) await verifyMfaAction({ code: '000000' });
    expect((await getUser(user.id))?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect((await verifyMfaAction({ code: codeFor(secret, 1) })).serverError).toBe(CODE_FAILED);
    expect((await thisSession())?.mfaVerifiedAt).toBeNull();
    expect((await failures()).at(-1)?.metadata).toEqual({ reason: 'locked' });
  });

  it('answers bad input with a message, not an error', async () => {
    for (const code of ['', 'x'.repeat(100_000), 'abc\u0000def', 42]) {
      const r = await verifyMfaAction({ code } as never);
      expect(r.data).toBeUndefined();
      expect(r.serverError === undefined || r.serverError === CODE_FAILED).toBe(true);
    }
    expect((await thisSession())?.mfaVerifiedAt).toBeNull();
  });
});
