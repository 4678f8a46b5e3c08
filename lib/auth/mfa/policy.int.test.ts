/**
 * MFA policy and management for real: enrolment (sealed secret, hashed codes), a clinic's
 * `require_mfa`, operators in production, turning MFA off and new codes with the password again,
 * and an operator's reset (audited with its reason, sessions ended, the user told by e-mail
 * through a real SMTP server).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { addMembership } from '@/db/control/memberships';
import { getUser } from '@/db/control/users';
import { mfaRecoveryCodes, systemAuditEvents, userSessions, users } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { confirmMfaEnrolmentAction } from '@/lib/auth/actions/confirm-mfa-enrolment';
import { disableMfaAction } from '@/lib/auth/actions/disable-mfa';
import { regenerateRecoveryCodesAction } from '@/lib/auth/actions/regenerate-recovery-codes';
import { startMfaEnrolmentAction } from '@/lib/auth/actions/start-mfa-enrolment';
import {
  ensureControlPlane,
  requireAccountUser,
  requireClinicContext,
  requireUser,
} from '@/lib/auth/context';
import { PASSWORD_AGAIN_FAILED } from '@/lib/auth/mfa/schemas';
import { resetUserMfaAction } from '@/lib/control/actions/reset-user-mfa';
import { env, readEnv } from '@/lib/env';
import { MfaRequiredError } from '@/lib/errors';
import { createMailTransport, setMailTransport } from '@/lib/mail/transport';
import { setClinicSetting } from '@/lib/settings/write';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { MFA_PASSWORD, enrolCurrentUser, makePasswordUser, newSession } from '@/test/mfa-fixtures';
import { startSmtpCapture, type SmtpCapture } from '@/test/smtp-capture';

const db = useTestDatabase();
let smtp: SmtpCapture;
let clinic: TestClinic;
let user: { id: string; email: string };

beforeAll(async () => {
  smtp = await startSmtpCapture();
  setMailTransport(createMailTransport(readEnv({ SMTP_URL: smtp.url, MAIL_FROM: 'c@c.test' })));
});
afterAll(async () => {
  setMailTransport(undefined);
  await smtp.close();
});
beforeEach(async () => {
  await resetDatabase(db.handle());
  clinic = await makeClinic('north');
  user = await makePasswordUser();
  await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: clinic.id, roleId: 'doctor' });
});

describe('enrolment', () => {
  it('stores the secret sealed and only hashes of the ten codes', async () => {
    await newSession(user.id, { clinicId: clinic.id });
    expect((await confirmMfaEnrolmentAction({ code: '123456' })).serverError).toMatch(/Start/);
    await startMfaEnrolmentAction();
    expect((await confirmMfaEnrolmentAction({ code: '000000' })).serverError).toMatch(/did not/);
    const { secret, recoveryCodes } = await enrolCurrentUser(user.id);
    const row = await getUser(user.id);
    expect(row?.mfaSecret).toMatch(/^v1\./);
    expect(row?.mfaSecret).not.toContain(secret);
    expect(row?.mfaPendingSecret).toBeNull();
    const stored = await getDb().db.select().from(mfaRecoveryCodes);
    expect(stored).toHaveLength(10);
    expect(stored.map((c) => c.codeHash)).not.toContain(recoveryCodes[0]);
    // The session that confirmed passed a code: it goes on working.
    await expect(requireClinicContext()).resolves.toMatchObject({ clinicId: clinic.id });
    expect((await startMfaEnrolmentAction()).serverError).toMatch(/already on/);
  });

  it('cannot be stored half done: a secret without its date, or a date without its secret', async () => {
    const refusal = async (change: Partial<typeof users.$inferInsert>) => {
      const err = await getDb()
        .db.update(users)
        .set(change)
        .where(eq(users.id, user.id))
        .then(
          () => null,
          (e: Error) => e,
        );
      return `${err?.message} ${(err?.cause as Error | undefined)?.message}`;
    };
    expect(await refusal({ mfaSecret: 'v1.sealed' })).toMatch(/users_mfa_enrolled_whole/);
    expect(await refusal({ mfaEnabledAt: new Date() })).toMatch(/users_mfa_enrolled_whole/);
    expect(await getUser(user.id)).toMatchObject({ mfaSecret: null, mfaEnabledAt: null });
  });
});

describe("a clinic's require_mfa", () => {
  it('keeps staff without MFA out of that clinic until they enrol', async () => {
    await tenantDb(clinic.id).transaction((t) => setClinicSetting(t, 'require_mfa', true, null));
    await newSession(user.id, { clinicId: clinic.id });
    const refused = await requireClinicContext().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MfaRequiredError);
    expect((refused as MfaRequiredError).step).toBe('enrol');
    expect((refused as MfaRequiredError).message).toMatch(/north clinic requires two-step/);
    await expect(requireAccountUser()).resolves.toBeDefined();
    await enrolCurrentUser(user.id);
    await expect(requireClinicContext()).resolves.toMatchObject({ clinicId: clinic.id });
  });

  it('leaves clinics without it alone', async () => {
    await newSession(user.id, { clinicId: clinic.id });
    await expect(requireClinicContext()).resolves.toMatchObject({ clinicId: clinic.id });
  });
});

describe('operators in production', () => {
  /** Runs `check` with NODE_ENV=production, and puts the test environment back after it. */
  async function inProduction(check: () => Promise<void>): Promise<void> {
    const nodeEnv = env.NODE_ENV;
    env.NODE_ENV = 'production';
    try {
      await check();
    } finally {
      env.NODE_ENV = nodeEnv;
    }
  }

  it('are the only ones who must enrol: clinic staff without MFA go on working', async () => {
    await inProduction(async () => {
      await newSession(user.id, { clinicId: clinic.id });
      await expect(requireUser()).resolves.toMatchObject({ mfaEnrolled: false });
      await expect(requireClinicContext()).resolves.toMatchObject({ clinicId: clinic.id });
    });
  });

  it('can only reach their account until they enrol', async () => {
    const ops = await makePasswordUser('system_admin');
    await inProduction(async () => {
      await newSession(ops.id, { globalMode: true });
      await expect(requireUser()).rejects.toMatchObject({ step: 'enrol' });
      await expect(ensureControlPlane()).rejects.toBeInstanceOf(MfaRequiredError);
      await expect(requireAccountUser()).resolves.toBeDefined();
    });
    await enrolCurrentUser(ops.id);
    await inProduction(async () => {
      await expect(ensureControlPlane()).resolves.toBeDefined();
    });
  });
});

describe('turning off and new codes need the password again', () => {
  it('refuses a wrong password (counted), then works with the right one', async () => {
    await newSession(user.id, { clinicId: clinic.id });
    const { recoveryCodes } = await enrolCurrentUser(user.id);
    const wrong = { password: 'not it' };
    expect((await regenerateRecoveryCodesAction(wrong)).serverError).toBe(PASSWORD_AGAIN_FAILED);
    expect((await disableMfaAction(wrong)).serverError).toBe(PASSWORD_AGAIN_FAILED);
    expect((await getUser(user.id))?.failedLoginCount).toBe(2);

    const fresh = await regenerateRecoveryCodesAction({ password: MFA_PASSWORD });
    expect(fresh.data?.recoveryCodes).toHaveLength(10);
    expect(fresh.data?.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect((await disableMfaAction({ password: MFA_PASSWORD })).data).toEqual({ disabled: true });
    expect(await getUser(user.id)).toMatchObject({ mfaSecret: null, mfaEnabledAt: null });
    expect(await getDb().db.select().from(mfaRecoveryCodes)).toEqual([]);
  });
});

describe("an operator's reset", () => {
  it('clears MFA, ends the sessions, audits the reason and e-mails the user', async () => {
    await newSession(user.id, { clinicId: clinic.id });
    const userSession = (await getDb().db.select().from(userSessions))[0];
    await enrolCurrentUser(user.id);
    const ops = await makePasswordUser('system_admin');
    await newSession(ops.id, { globalMode: true });
    const reason = 'Lost phone, identity checked by video call';
    const r = await resetUserMfaAction({ userId: user.id, reason });
    expect(r.data).toEqual({ id: user.id, reset: true });

    expect(await getUser(user.id)).toMatchObject({ mfaSecret: null, mfaEnabledAt: null });
    const [ended] = await getDb()
      .db.select()
      .from(userSessions)
      .where(eq(userSessions.id, userSession?.id ?? ''));
    expect(ended?.endedAt).toBeInstanceOf(Date);
    const [audit] = await getDb()
      .db.select()
      .from(systemAuditEvents)
      .where(eq(systemAuditEvents.action, 'mfa.reset'));
    expect(audit).toMatchObject({ actorUserId: ops.id, entityId: user.id, metadata: { reason } });
    const mail = await smtp.waitFor(user.email);
    expect(mail.parsed.subject).toMatch(/reset your two-step sign-in/);
    expect(mail.parsed.text).toContain('an operator of this service');

    expect((await resetUserMfaAction({ userId: user.id, reason })).serverError).toMatch(/no two/);
    expect((await resetUserMfaAction({ userId: ops.id, reason })).serverError).toMatch(/own/);
    expect(
      (await resetUserMfaAction({ userId: user.id, reason: '' })).validationErrors,
    ).toBeDefined();
  });
});
