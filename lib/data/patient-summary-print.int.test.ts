/**
 * GET /file/patient-summary/{patientId}: "Print summary" makes the PDF within the request. Called
 * as Next calls the route handler, with the session standing in for the cookie (test/setup.ts).
 */
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as print } from '@/app/file/patient-summary/[patientId]/route';
import { auditEvents, exportJobs } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { makeClinic, makeMember, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { pdfText } from '@/test/export-support';
import { signOut } from '@/test/session-state';
import { localDate } from '@/lib/appointments/time';

const db = useTestDatabase();

let a: TestClinic;
let b: TestClinic;

beforeEach(async () => {
  signOut();
  await resetDatabase(db.handle());
  a = await makeClinic('a', 'Pacific/Kiritimati');
  b = await makeClinic('b');
});

function get(patientId: string): Promise<Response> {
  const req = new NextRequest(
    new URL(`/file/patient-summary/${encodeURIComponent(patientId)}`, 'http://localhost'),
  );
  return print(req, { params: Promise.resolve({ patientId }) });
}

const printAudit = (clinicId: string) =>
  tenantDb(clinicId).list(auditEvents, {
    where: eq(auditEvents.action, 'file.download'),
    orderBy: [auditEvents.occurredAt],
    limit: 100,
  });

describe('GET /file/patient-summary/{patientId}', () => {
  it('answers the PDF as an attachment named by MRN and clinic-local date, and audits it', async () => {
    await signInMember(a.doctor);
    const res = await get(a.patientIds[0]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // Kiritimati is UTC+14: the clinic's day, not the server's.
    const day = localDate(new Date(), 'Pacific/Kiritimati');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="A-1_summary_${day}.pdf"; filename*=UTF-8''A-1_summary_${day}.pdf`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('Garcia, Maria');
    // Named as the background export names it: the display name, else the clinic's name.
    expect(pdfText(pdf)).toContain('a clinic');

    expect(await printAudit(a.id)).toMatchObject([
      {
        actorUserId: a.doctor.userId,
        outcome: 'success',
        entityType: 'patient',
        entityId: a.patientIds[0],
        metadata: { kind: 'patient_summary_pdf' },
      },
    ]);
    // Made within the request: nothing queued.
    expect(await tenantDb(a.id).list(exportJobs, { limit: 10 })).toEqual([]);
  });

  it('another clinic’s patient, a missing one and a malformed id are the same 404, audited', async () => {
    await signInMember(a.doctor);
    const id0 = a.patientIds[0]!;
    const ids = [b.patientIds[0]!, '00000000-0000-4000-8000-000000000000', 'nope'];
    // An id with anything before or after it is no id (never reaches the database).
    ids.push(`x${id0}`, `${id0}x`);
    for (const id of ids) {
      const res = await get(id);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Patient not found' });
      expect(res.headers.get('content-disposition')).toBeNull();
    }
    const audit = await printAudit(a.id);
    expect(audit.map((e) => [e.outcome, e.entityId, e.metadata])).toEqual([
      ['failure', b.patientIds[0], { kind: 'patient_summary_pdf', reason: 'not_found' }],
      [
        'failure',
        '00000000-0000-4000-8000-000000000000',
        { kind: 'patient_summary_pdf', reason: 'not_found' },
      ],
      ['failure', null, { kind: 'patient_summary_pdf', reason: 'invalid_id' }],
      ['failure', null, { kind: 'patient_summary_pdf', reason: 'invalid_id' }],
      ['failure', null, { kind: 'patient_summary_pdf', reason: 'invalid_id' }],
    ]);
    expect(await printAudit(b.id)).toEqual([]);
  });

  it('refuses a role that may not download (403) and an anonymous request (401)', async () => {
    const receptionist = await makeMember(a.id, 'receptionist');
    await signInMember(receptionist);
    const refused = await get(a.patientIds[0]!);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/json');
    signOut();
    expect((await get(a.patientIds[0]!)).status).toBe(401);
    expect(await printAudit(a.id)).toEqual([]);
  });
});
