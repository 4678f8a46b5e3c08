import { text } from 'node:stream/consumers';
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appointments, exportJobs, fileAttachments, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import type { JobStep } from '@/inngest/tenant-job';
import { IMMEDIATE_STEPS } from '@/lib/retention/types';
import { getStorage } from '@/lib/storage';
import { makeClinic, makeMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { useTempStorage } from '@/test/retention-fixtures';
import { monthlyReportRequestKey, produceMonthlyReport } from './monthly-report';

const db = useTestDatabase();
const PERIOD = '2025-03';

let ny: TestClinic;
let tokyo: TestClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeEach(async () => {
  await resetDatabase(db.handle());
  storage = useTempStorage();
  ny = await makeClinic('ny', 'America/New_York');
  tokyo = await makeClinic('tokyo', 'Asia/Tokyo');
});
afterEach(() => storage.cleanup());

/** New patients and appointments at the edges of March 2025 in New York (EST → EDT). */
async function seedNewYork() {
  const second = await makeMember(ny.id, 'doctor', { name: 'Dr zed' });
  await tenantDb(ny.id).transaction(async (t) => {
    const at = (iso: string) => new Date(iso);
    await t.insert(patients, [
      // 28 Feb 23:59 local: February.
      {
        mrn: 'N-10',
        givenName: 'A',
        familyName: 'A',
        dateOfBirth: '1990-01-01',
        sex: 'female',
        createdAt: at('2025-03-01T04:59:00Z'),
      },
      // 1 Mar 00:00 local: March.
      {
        mrn: 'N-11',
        givenName: 'B',
        familyName: 'B',
        dateOfBirth: '1990-01-01',
        sex: 'male',
        createdAt: at('2025-03-01T05:00:00Z'),
      },
      // 31 Mar 23:59 local (EDT): March.
      {
        mrn: 'N-12',
        givenName: 'C',
        familyName: 'C',
        dateOfBirth: '1990-01-01',
        sex: 'male',
        createdAt: at('2025-04-01T03:59:00Z'),
      },
      // 1 Apr 00:00 local: April.
      {
        mrn: 'N-13',
        givenName: 'D',
        familyName: 'D',
        dateOfBirth: '1990-01-01',
        sex: 'male',
        createdAt: at('2025-04-01T04:00:00Z'),
      },
    ]);
    const appt = (
      practitioner: string,
      startIso: string,
      status: 'scheduled' | 'completed' | 'cancelled' | 'no_show',
    ) => ({
      patientId: ny.patientIds[0]!,
      practitionerMembershipId: practitioner,
      startsAt: at(startIso),
      endsAt: new Date(at(startIso).getTime() + 15 * 60_000),
      status,
    });
    await t.insert(appointments, [
      appt(ny.doctor.membershipId, '2025-03-01T04:30:00Z', 'completed'), // February locally
      appt(ny.doctor.membershipId, '2025-03-01T05:00:00Z', 'completed'),
      appt(ny.doctor.membershipId, '2025-03-10T14:00:00Z', 'completed'),
      appt(ny.doctor.membershipId, '2025-03-11T14:00:00Z', 'no_show'),
      appt(second.membershipId, '2025-03-12T14:00:00Z', 'cancelled'),
      appt(second.membershipId, '2025-04-01T03:45:00Z', 'scheduled'), // 31 Mar 23:45 EDT
      appt(second.membershipId, '2025-04-01T04:00:00Z', 'scheduled'), // April locally
    ]);
  });
}

async function reportRows(clinicId: string) {
  return tenantDb(clinicId).list(fileAttachments, {
    where: and(
      eq(fileAttachments.entityType, 'monthly_report'),
      eq(fileAttachments.entityId, PERIOD),
    ),
    orderBy: [asc(fileAttachments.createdAt)],
    limit: 10,
  });
}

describe('the monthly report', () => {
  it("counts the month in the clinic's timezone and lists it on the exports page", async () => {
    await seedNewYork();
    const result = await produceMonthlyReport(
      tenantDb(ny.id),
      { period: PERIOD, timeZone: ny.timezone },
      IMMEDIATE_STEPS,
    );
    const [file] = await reportRows(ny.id);
    expect(file).toMatchObject({
      id: result.attachmentId,
      purpose: 'report',
      deletedAt: null,
      filename: 'monthly-report-2025-03.csv',
      createdBy: null,
    });
    const csv = await text(await getStorage().get(file!.storageKey));
    expect(csv.split('\r\n').filter(Boolean)).toEqual([
      'section,item,scheduled,completed,cancelled,no_show,total',
      'period,2025-03 (America/New_York),,,,,',
      'new_patients,,,,,,2',
      'appointments,all practitioners,1,2,1,1,5',
      `practitioner,Dr ny,0,2,0,1,3`,
      'practitioner,Dr zed,1,0,1,0,2',
    ]);

    const [exported] = await tenantDb(ny.id).list(exportJobs, { limit: 10 });
    expect(exported).toMatchObject({
      id: result.exportId,
      kind: 'monthly_report',
      status: 'done',
      requestedBy: null,
      attachmentId: result.attachmentId,
      requestKey: monthlyReportRequestKey(PERIOD),
      params: { period: PERIOD },
    });
    expect(await tenantDb(tokyo.id).count(exportJobs)).toBe(0);
    expect(await tenantDb(tokyo.id).count(fileAttachments)).toBe(0);
  });

  it('a rerun for the same period replaces the file and keeps one exports row', async () => {
    await seedNewYork();
    const first = await produceMonthlyReport(
      tenantDb(ny.id),
      { period: PERIOD, timeZone: ny.timezone },
      IMMEDIATE_STEPS,
    );
    const second = await produceMonthlyReport(
      tenantDb(ny.id),
      { period: PERIOD, timeZone: ny.timezone },
      IMMEDIATE_STEPS,
    );
    expect(second.attachmentId).not.toBe(first.attachmentId);
    const files = await reportRows(ny.id);
    expect(files.map((f) => [f.id, f.deletedAt === null])).toEqual([
      [first.attachmentId, false],
      [second.attachmentId, true],
    ]);
    const exportsRows = await tenantDb(ny.id).list(exportJobs, { limit: 10 });
    expect(exportsRows).toHaveLength(1);
    expect(exportsRows[0]).toMatchObject({ id: first.exportId, attachmentId: second.attachmentId });
  });

  it('a step re-executed after a crash stores nothing twice', async () => {
    const memo = new Map<string, unknown>();
    const twice: JobStep = {
      run: async <T>(id: string, fn: () => Promise<T>) => {
        if (memo.has(id)) return memo.get(id) as T;
        if (id === 'report-store' || id === 'report-record') await fn(); // ran, result lost
        const result = await fn();
        memo.set(id, result);
        return result;
      },
    };
    const result = await produceMonthlyReport(
      tenantDb(tokyo.id),
      { period: PERIOD, timeZone: tokyo.timezone },
      twice,
    );
    const files = await reportRows(tokyo.id);
    expect(files.map((f) => [f.id, f.deletedAt])).toEqual([[result.attachmentId, null]]);
    expect(await tenantDb(tokyo.id).count(exportJobs)).toBe(1);
  });

  it('refuses a period that has not started', async () => {
    await expect(
      produceMonthlyReport(
        tenantDb(ny.id),
        { period: '2099-01', timeZone: ny.timezone },
        IMMEDIATE_STEPS,
      ),
    ).rejects.toThrow(/has not started/);
    expect(await tenantDb(ny.id).count(fileAttachments)).toBe(0);
  });

  it('neutralises a staff name that would be a spreadsheet formula', async () => {
    const evil = await makeMember(tokyo.id, 'doctor', { name: '=HYPERLINK("http://x")' });
    await tenantDb(tokyo.id).transaction((t) =>
      t.insert(appointments, {
        patientId: tokyo.patientIds[0]!,
        practitionerMembershipId: evil.membershipId,
        startsAt: new Date('2025-03-05T01:00:00Z'),
        endsAt: new Date('2025-03-05T01:30:00Z'),
        status: 'completed',
      }),
    );
    const result = await produceMonthlyReport(
      tenantDb(tokyo.id),
      { period: PERIOD, timeZone: tokyo.timezone },
      IMMEDIATE_STEPS,
    );
    const row = await tenantDb(tokyo.id).findById(fileAttachments, result.attachmentId);
    const csv = await text(await getStorage().get(row!.storageKey));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
