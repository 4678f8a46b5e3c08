/**
 * One clinic per action, across tabs: a write carries the stamp of the page it came from, and a
 * page rendered for another clinic or user than the session now has is refused (409 for routes)
 * before anything is written, and audited (lib/auth/stale-page.ts).
 */
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { POST as uploadDocument } from '@/app/api/patients/[patientId]/documents/route';
import { addMembership } from '@/db/control/memberships';
import { getUser } from '@/db/control/users';
import { auditEvents, patients, systemAuditEvents } from '@/db/schema';
import { getDb } from '@/db/client';
import { tenantDb } from '@/db/tenant';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { pageStampHeaders, type PageStamp } from '@/lib/auth/page-stamp';
import { makeClinic, makeMember, type Member, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { encodeMultipart } from '@/test/multipart';
import { signInAs } from '@/test/session-state';

const db = useTestDatabase();

let north: TestClinic;
let harbor: TestClinic;
/** A doctor of both clinics, working in Harbor after a switch in "another tab". */
let doctor: Member;

const newPatient = {
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1985-12-10',
  sex: 'female',
  confirmDuplicate: true,
} as const;

beforeEach(async () => {
  await resetDatabase(db.handle());
  north = await makeClinic('Northside');
  harbor = await makeClinic('Harbor');
  doctor = await makeMember(north.id, 'doctor', { name: 'Dr Both' });
  await addMembership(SYSTEM_ACTOR, {
    userId: doctor.userId,
    clinicId: harbor.id,
    roleId: 'doctor',
  });
  // Adding the membership bumped the session version: sign in with the live one.
  await signInAs((await getUser(doctor.userId))!, { clinicId: harbor.id });
});

const patientCount = (clinicId: string) => tenantDb(clinicId).count(patients);

async function staleAudits(clinicId: string) {
  const rows = await tenantDb(clinicId).list(auditEvents, {
    where: eq(auditEvents.action, 'write.stale_page'),
    limit: 10,
  });
  return rows.map((r) => ({ outcome: r.outcome, metadata: r.metadata }));
}

const crossClinicAttempts = () =>
  getDb()
    .db.select()
    .from(systemAuditEvents)
    .where(eq(systemAuditEvents.action, 'security.cross_tenant_attempt'));

describe('a write from a page of another clinic than the session’s', () => {
  it('is refused before anything is written, names both clinics, and is audited', async () => {
    const northPage: PageStamp = { clinicId: north.id, userId: doctor.userId };
    const r = await createPatientAction(northPage, newPatient);
    expect(r.data).toBeUndefined();
    expect(r.serverError).toBe(
      'You switched to Harbor clinic in another tab. This form was for Northside clinic. Nothing was saved.',
    );
    expect(await patientCount(north.id)).toBe(3);
    expect(await patientCount(harbor.id)).toBe(3);
    expect(await staleAudits(harbor.id)).toEqual([
      {
        outcome: 'denied',
        metadata: { action: 'createPatient', reason: 'clinic_changed', pageClinicId: north.id },
      },
    ]);
    const [audit] = await tenantDb(harbor.id).list(auditEvents, {
      where: eq(auditEvents.action, 'write.stale_page'),
      limit: 1,
    });
    expect(audit?.actorUserId).toBe(doctor.userId);
    // Northside is the doctor's clinic too: a stale page, not a cross-clinic attempt.
    expect(await crossClinicAttempts()).toEqual([]);
  });

  it('goes through from a page of the session’s own clinic', async () => {
    const r = await createPatientAction({ clinicId: harbor.id, userId: doctor.userId }, newPatient);
    expect(r.serverError).toBeUndefined();
    expect(await patientCount(harbor.id)).toBe(4);
    expect(await staleAudits(harbor.id)).toEqual([]);
  });

  it('takes an upper-case spelling of its own clinic and user ids as the same page', async () => {
    const stamp = { clinicId: harbor.id.toUpperCase(), userId: doctor.userId.toUpperCase() };
    const r = await createPatientAction(stamp, newPatient);
    expect(r.serverError).toBeUndefined();
    expect(await patientCount(harbor.id)).toBe(4);
  });

  it('is refused from a page of another signed-in user, even in the same clinic', async () => {
    const other = await makeMember(harbor.id, 'doctor');
    const r = await createPatientAction({ clinicId: harbor.id, userId: other.userId }, newPatient);
    expect(r.serverError).toBe(
      'You signed in as Dr Both in another tab. This page was opened for another account. Nothing was saved.',
    );
    expect(await patientCount(harbor.id)).toBe(3);
    expect((await staleAudits(harbor.id))[0]?.metadata).toMatchObject({ reason: 'user_changed' });
  });

  it('is refused without a stamp, or with a malformed one', async () => {
    for (const stamp of [
      undefined,
      null,
      'x',
      { clinicId: harbor.id },
      { ...{ clinicId: harbor.id, userId: doctor.userId }, extra: 1 },
    ]) {
      const r = await createPatientAction(stamp as unknown as PageStamp, newPatient);
      expect(r.serverError).toBe(
        'This page is out of date. Reload it and try again. Nothing was saved.',
      );
    }
    expect(await patientCount(harbor.id)).toBe(3);
    expect(await staleAudits(harbor.id)).toHaveLength(5);
  });

  it('counts a page of a clinic the user has no access to as a cross-clinic attempt', async () => {
    const stranger = await makeClinic('Stranger');
    const r = await createPatientAction(
      { clinicId: stranger.id, userId: doctor.userId },
      newPatient,
    );
    expect(r.serverError).toBe(
      'You switched to Harbor clinic in another tab. This form was for a clinic you can no longer use. Nothing was saved.',
    );
    const attempts = await crossClinicAttempts();
    expect(attempts.map((a) => [a.clinicId, a.actorUserId, a.entityType, a.entityId])).toEqual([
      [stranger.id, doctor.userId, 'clinic', 'createPatient'],
    ]);
  });
});

describe('a route handler write from a page of another clinic', () => {
  async function upload(stamp: PageStamp): Promise<Response> {
    const form = new FormData();
    form.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'referral.pdf'));
    const encoded = await encodeMultipart(form);
    const patientId = harbor.patientIds[0]!;
    const req = new NextRequest(
      new URL(`/api/patients/${patientId}/documents`, 'http://localhost'),
      {
        method: 'POST',
        body: encoded.body,
        headers: { ...pageStampHeaders(stamp), ...encoded.headers },
      },
    );
    return uploadDocument(req, { params: Promise.resolve({ patientId }) });
  }

  it('answers 409 with the message and stores nothing', async () => {
    const res = await upload({ clinicId: north.id, userId: doctor.userId });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error:
        'You switched to Harbor clinic in another tab. This form was for Northside clinic. Nothing was saved.',
    });
    expect(await staleAudits(harbor.id)).toHaveLength(1);
    const ok = await upload({ clinicId: harbor.id, userId: doctor.userId });
    expect(ok.status).toBe(201);
  });
});
