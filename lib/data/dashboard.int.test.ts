import { beforeEach, describe, expect, it } from 'vitest';
import { appointments, fileAttachments, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { CHART_DAYS, loadDashboard } from './dashboard';

const db = useTestDatabase();

// Friday 27 November 2026, 22:00 in New York (03:00 UTC on the 28th).
const NOW = new Date('2026-11-28T03:00:00Z');

let ny: TestClinic;
let other: TestClinic;

async function book(
  clinic: TestClinic,
  startIso: string,
  status: 'scheduled' | 'cancelled' | 'completed' = 'scheduled',
  minutes = 30,
) {
  const startsAt = new Date(startIso);
  await tenantDb(clinic.id).transaction((t) =>
    t.insert(appointments, {
      patientId: clinic.patientIds[0]!,
      practitionerMembershipId: clinic.doctor.membershipId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + minutes * 60_000),
      status,
    }),
  );
}

async function attach(clinic: TestClinic, purpose: 'export' | 'report', deleted = false) {
  await tenantDb(clinic.id).transaction((t) =>
    t.insert(fileAttachments, {
      entityType: 'patients',
      entityId: 'all',
      purpose,
      storageKey: `clinic_${clinic.id}/x-${Math.random()}`,
      filename: 'patients.csv',
      contentType: 'text/csv',
      size: 10,
      deletedAt: deleted ? new Date() : null,
    }),
  );
}

const asRole = (clinic: TestClinic, roleId: string) => ({ db: tenantDb(clinic.id), roleId });

beforeEach(async () => {
  await resetDatabase(db.handle());
  ny = await makeClinic('ny', 'America/New_York');
  other = await makeClinic('other', 'UTC');
});

describe('the dashboard', () => {
  it('counts patients, this week and exports of this clinic only', async () => {
    // Week of Mon 23 – Sun 29 Nov in New York.
    await book(ny, '2026-11-23T05:00:00Z'); // Mon 00:00 local: first minute of the week
    await book(ny, '2026-11-23T04:30:00Z'); // Sun 22 23:30 local: last week
    await book(ny, '2026-11-27T14:00:00Z', 'completed');
    await book(ny, '2026-11-27T15:00:00Z', 'cancelled'); // not counted
    await book(ny, '2026-11-30T04:30:00Z'); // Sun 29 23:30 local: still this week
    await book(ny, '2026-11-30T05:00:00Z'); // Mon 30 00:00 local: next week
    await book(other, '2026-11-25T10:00:00Z');
    await attach(ny, 'export');
    await attach(ny, 'export');
    await attach(ny, 'export', true); // deleted
    await attach(ny, 'report'); // not an export
    await attach(other, 'export');

    const d = await loadDashboard(asRole(ny, 'clinic_admin'), NOW);
    expect(d).toMatchObject({
      timeZone: 'America/New_York',
      today: '2026-11-27',
      weekStart: '2026-11-23',
      weekEnd: '2026-11-29',
    });
    expect(d.patients?.count).toBe(3);
    expect(d.appointments?.thisWeek).toBe(3);
    expect(d.exports?.count).toBe(2);
  });

  it("lists today's appointments by the clinic's day, in clinic time", async () => {
    await book(ny, '2026-11-27T04:30:00Z'); // Thu 26 23:30 local: yesterday
    await book(ny, '2026-11-27T14:00:00Z'); // 09:00 local
    await book(ny, '2026-11-28T02:00:00Z', 'cancelled'); // 21:00 local, still today
    await book(ny, '2026-11-28T05:00:00Z'); // Sat 00:00 local: tomorrow
    await book(other, '2026-11-27T14:00:00Z');

    const d = await loadDashboard(asRole(ny, 'receptionist'), NOW);
    expect(d.appointments?.today.map((a) => [a.localStart, a.status])).toEqual([
      ['09:00', 'scheduled'],
      ['21:00', 'cancelled'],
    ]);
  });

  it('counts appointments per clinic-local day over the last 30 days, cancelled left out', async () => {
    await book(ny, '2026-11-27T14:00:00Z');
    await book(ny, '2026-11-28T02:00:00Z'); // 21:00 on the 27th locally, the 28th in UTC
    await book(ny, '2026-11-27T16:00:00Z', 'cancelled');
    await book(ny, '2026-10-29T14:00:00Z'); // first day of the window
    await book(ny, '2026-10-28T14:00:00Z'); // just before it
    await book(other, '2026-11-27T14:00:00Z');

    const d = await loadDashboard(asRole(ny, 'doctor'), NOW);
    const perDay = d.appointments!.perDay;
    expect(perDay).toHaveLength(CHART_DAYS);
    expect(perDay[0]).toEqual({ date: '2026-10-29', count: 1 });
    expect(perDay.at(-1)).toEqual({ date: '2026-11-27', count: 2 });
    expect(perDay.reduce((n, p) => n + p.count, 0)).toBe(3);
  });

  it('leaves out what the role may not read (a receptionist has no exports)', async () => {
    await attach(ny, 'export');
    const d = await loadDashboard(asRole(ny, 'receptionist'), NOW);
    expect(d.exports).toBeNull();
    expect(d.patients?.count).toBe(3);
    const nobody = await loadDashboard(asRole(ny, 'not_a_role'), NOW);
    expect(nobody).toMatchObject({ patients: null, appointments: null, exports: null });
  });

  it('lists the five most recently added patients of this clinic only, newest first', async () => {
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    await tenantDb(ny.id).transaction((t) =>
      t.insert(
        patients,
        [1, 2, 3].map((n) => ({
          givenName: `New${n}`,
          familyName: 'Patient',
          dateOfBirth: '2000-01-01',
          sex: 'unknown' as const,
          mrn: `NY-NEW-${n}`,
          createdAt: later(n),
        })),
      ),
    );
    const d = await loadDashboard(asRole(ny, 'nurse'), NOW);
    expect(d.patients?.count).toBe(6);
    const recent = d.patients!.recent.map((p) => p.mrn);
    expect(recent).toHaveLength(5);
    expect(recent.slice(0, 3)).toEqual(['NY-NEW-3', 'NY-NEW-2', 'NY-NEW-1']);
    expect(recent.every((mrn) => mrn.startsWith('NY-'))).toBe(true);
  });
});
