/**
 * The audit log names its entities inside the clinic only: two clinics share patient names, and
 * an audit row of clinic A that carries clinic B's patient id (a probe, a forged id) shows no name
 * and no link, exactly like an id that never existed.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { appointments, auditEvents, fileAttachments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { DEFAULT_AUDIT_QUERY } from '@/lib/audit/query';
import { makeClinic, makeMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { listAuditEvents } from './audit';

const db = useTestDatabase();

let a: TestClinic;
let b: TestClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await makeClinic('a', 'Europe/Berlin');
  b = await makeClinic('b');
});

async function record(
  clinicId: string,
  actor: string | null,
  entityType: string,
  entityId: string,
) {
  await tenantDb(clinicId).transaction((t) =>
    t.insert(auditEvents, {
      actorUserId: actor,
      action: `test.${entityType}`,
      entityType,
      entityId,
      outcome: 'success',
      requestId: `req-${entityType}`,
    }),
  );
}

async function entityShown(clinicId: string, action: string) {
  const log = await listAuditEvents({ db: tenantDb(clinicId) }, { ...DEFAULT_AUDIT_QUERY, action });
  expect(log.rows).toHaveLength(1);
  return log.rows[0]!;
}

describe('audit entities', () => {
  it('a patient of this clinic shows its MRN and links to the record', async () => {
    await record(a.id, a.doctor.userId, 'patient', a.patientIds[0]!);
    const row = await entityShown(a.id, 'test.patient');
    expect(row.entity).toEqual({
      typeLabel: 'Patient',
      label: 'A-1',
      href: `/patients/${a.patientIds[0]}`,
    });
    expect(row).toMatchObject({ actorName: 'Dr a', actorEmail: a.doctor.email });
    expect(row.requestId).toBe('req-patient');
  });

  it('another clinic’s patient id shows no name and no link', async () => {
    await record(a.id, a.doctor.userId, 'patient', b.patientIds[0]!);
    const row = await entityShown(a.id, 'test.patient');
    expect(row.entity).toEqual({ typeLabel: 'Patient', label: null, href: null });
    expect(JSON.stringify(row)).not.toContain('B-1');
    // The raw id stays for the details view: it is what was recorded.
    expect(row.entityId).toBe(b.patientIds[0]);
  });

  it('another clinic’s appointment, member and file resolve to nothing either', async () => {
    const [foreignAppointment] = await tenantDb(b.id).transaction((t) =>
      t.insert(appointments, [
        {
          patientId: b.patientIds[0]!,
          practitionerMembershipId: b.doctor.membershipId,
          startsAt: new Date('2030-06-03T13:00:00Z'),
          endsAt: new Date('2030-06-03T13:30:00Z'),
        },
      ]),
    );
    await record(a.id, null, 'appointment', foreignAppointment!.id);
    await record(a.id, null, 'membership', b.doctor.membershipId);
    await record(a.id, b.doctor.userId, 'user', b.doctor.userId);
    for (const type of ['appointment', 'membership', 'user']) {
      const row = await entityShown(a.id, `test.${type}`);
      expect(row.entity?.label).toBeNull();
      expect(row.entity?.href).toBeNull();
      expect(JSON.stringify(row)).not.toContain('Dr b');
    }
    expect((await entityShown(a.id, 'test.user')).actorName).toBe('Former member');
  });

  it('names this clinic’s appointment, member, user and a patient’s document', async () => {
    const nurse = await makeMember(a.id, 'nurse', { name: 'Nia Nurse', email: 'nia@a.test' });
    const [appointment] = await tenantDb(a.id).transaction((t) =>
      t.insert(appointments, [
        {
          patientId: a.patientIds[1]!,
          practitionerMembershipId: a.doctor.membershipId,
          startsAt: new Date('2030-06-03T13:00:00Z'),
          endsAt: new Date('2030-06-03T13:30:00Z'),
        },
      ]),
    );
    const file = await tenantDb(a.id).transaction((t) =>
      t.insert(fileAttachments, {
        entityType: 'patient',
        entityId: a.patientIds[2]!,
        purpose: 'patient_document',
        filename: 'Tanaka referral.pdf',
        contentType: 'application/pdf',
        size: 10,
        storageKey: 'test/key',
      }),
    );
    await record(a.id, null, 'appointment', appointment!.id);
    await record(a.id, null, 'membership', nurse.membershipId);
    await record(a.id, null, 'user', nurse.userId);
    await record(a.id, null, 'file_attachment', file.id);
    expect((await entityShown(a.id, 'test.appointment')).entity).toEqual({
      typeLabel: 'Appointment',
      label: 'A-2, 3 Jun 2030, 15:00',
      href: `/appointments/${appointment!.id}`,
    });
    expect((await entityShown(a.id, 'test.membership')).entity).toMatchObject({
      typeLabel: 'Member',
      label: 'Nia Nurse (nia@a.test)',
    });
    expect((await entityShown(a.id, 'test.user')).entity?.label).toBe('Nia Nurse (nia@a.test)');
    const document = await entityShown(a.id, 'test.file_attachment');
    // Named by its patient's MRN, never by its file name (which may hold a name).
    expect(document.entity).toEqual({
      typeLabel: 'File',
      label: 'Document of A-3',
      href: `/patients/${a.patientIds[2]}`,
    });
    expect(JSON.stringify(document)).not.toContain('Tanaka');
  });

  it('a malformed entity id is shown as recorded, without a lookup', async () => {
    await record(a.id, null, 'patient', 'not-a-uuid');
    await record(a.id, null, 'setting', 'session_idle_minutes');
    expect((await entityShown(a.id, 'test.patient')).entity).toEqual({
      typeLabel: 'Patient',
      label: null,
      href: null,
    });
    expect((await entityShown(a.id, 'test.setting')).entity?.label).toBe('session_idle_minutes');
  });
});
