import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { appointments, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { eq } from 'drizzle-orm';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import { rejectionMessage } from '@/test/errors';
import type { Database } from '@/db/client';

const db = useTestDatabase();

/** Raw SQL exactly as the tenant plane runs it: the tenant role, with `clinicId` set (or not). */
async function asTenant<R>(clinicId: string | null, work: (tx: Database) => Promise<R>) {
  return db.handle().db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'clinic_app_tenant', true)`);
    if (clinicId) await tx.execute(sql`select set_config('app.clinic_id', ${clinicId}, true)`);
    return work(tx as unknown as Database);
  });
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

describe('wall 2: row-level security as the tenant role', () => {
  let a: FixtureClinic;
  let b: FixtureClinic;

  beforeEach(async () => {
    await resetDatabase(db.handle());
    a = await createFixtureClinic('a');
    b = await createFixtureClinic('b');
  });

  it("sees only its own clinic's rows", async () => {
    const rows = await asTenant(a.id, async (tx) =>
      rowsOf(await tx.execute(sql`select clinic_id from patients`)),
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.clinic_id))).toEqual(new Set([a.id]));
  });

  it("cannot update or delete another clinic's rows", async () => {
    const [updated, deleted] = await asTenant(a.id, async (tx) => [
      affected(
        await tx.execute(sql`update patients set given_name = 'x' where clinic_id = ${b.id}`),
      ),
      affected(await tx.execute(sql`delete from patients where clinic_id = ${b.id}`)),
    ]);
    expect(updated).toBe(0);
    expect(deleted).toBe(0);
    const stillThere = await asTenant(b.id, async (tx) =>
      rowsOf(await tx.execute(sql`select given_name from patients`)),
    );
    expect(stillThere.map((r) => r.given_name).sort()).toEqual(['Aiko', 'James', 'Maria']);
  });

  it("rejects an insert carrying another clinic's id", async () => {
    expect(
      await rejectionMessage(
        asTenant(a.id, (tx) =>
          tx.execute(sql`insert into patients (clinic_id, mrn, given_name, family_name, date_of_birth, sex)
          values (${b.id}, 'X-1', 'Eve', 'Intruder', '1990-01-01', 'female')`),
        ),
      ),
    ).toMatch(/row-level security/);
  });

  it('sees nothing when no clinic is set (fails closed)', async () => {
    const rows = await asTenant(null, async (tx) =>
      rowsOf(await tx.execute(sql`select id from patients`)),
    );
    expect(rows).toHaveLength(0);
  });

  it("sees only its own clinic's memberships, staff and clinic row", async () => {
    const counts = await asTenant(a.id, async (tx) => ({
      clinics: rowsOf(await tx.execute(sql`select id from clinics`)),
      memberships: rowsOf(await tx.execute(sql`select clinic_id from clinic_memberships`)),
      users: rowsOf(await tx.execute(sql`select id from users`)),
    }));
    expect(counts.clinics).toEqual([{ id: a.id }]);
    expect(counts.memberships).toEqual([{ clinic_id: a.id }]);
    expect(counts.users).toHaveLength(1);
  });

  it('cannot read password hashes, even of its own staff', async () => {
    expect(
      await rejectionMessage(
        asTenant(a.id, (tx) => tx.execute(sql`select password_hash from users`)),
      ),
    ).toMatch(/permission denied/);
  });

  it('cannot alter or erase the audit trail', async () => {
    await tenantDb(a.id).transaction(async (t) => {
      await t.select().from(patients).limit(1);
    });
    expect(
      await rejectionMessage(asTenant(a.id, (tx) => tx.execute(sql`delete from audit_events`))),
    ).toMatch(/permission denied/);
    expect(
      await rejectionMessage(
        asTenant(a.id, (tx) => tx.execute(sql`update audit_events set action = 'x'`)),
      ),
    ).toMatch(/permission denied/);
  });
});

describe('wall 3: composite foreign keys', () => {
  beforeEach(async () => resetDatabase(db.handle()));

  it("rejects an appointment pointing at another clinic's patient, even as the owner", async () => {
    const a = await createFixtureClinic('a');
    const b = await createFixtureClinic('b');
    // The owner connection bypasses RLS (superuser in CI): only the composite FK stands here.
    expect(
      await rejectionMessage(
        db.handle().db.execute(sql`insert into appointments
        (clinic_id, patient_id, practitioner_membership_id, starts_at, ends_at)
        values (${a.id}, ${b.patientIds[0]}, ${a.practitionerMembershipId}, now(), now() + interval '30 minutes')`),
      ),
    ).toMatch(/appointments_patient_fk/);
    expect(
      await rejectionMessage(
        db.handle().db.execute(sql`insert into appointments
        (clinic_id, patient_id, practitioner_membership_id, starts_at, ends_at)
        values (${a.id}, ${a.patientIds[0]}, ${b.practitionerMembershipId}, now(), now() + interval '30 minutes')`),
      ),
    ).toMatch(/appointments_practitioner_fk/);
  });
});

describe('wall 1: tenantDb', () => {
  beforeEach(async () => resetDatabase(db.handle()));

  it('sets clinic_id itself and ignores one smuggled into an insert', async () => {
    const a = await createFixtureClinic('a');
    const b = await createFixtureClinic('b');
    const smuggled = {
      mrn: 'S-1',
      givenName: 'Sam',
      familyName: 'Smuggler',
      dateOfBirth: '1999-09-09',
      sex: 'male' as const,
      clinicId: b.id,
    };
    const row = await tenantDb(a.id).transaction((t) => t.insert(patients, smuggled));
    expect(row.clinicId).toBe(a.id);
  });

  it("returns nothing for another clinic's id, exactly as for a missing one", async () => {
    const a = await createFixtureClinic('a');
    const b = await createFixtureClinic('b');
    const t = tenantDb(a.id);
    expect(await t.findById(patients, b.patientIds[0]!)).toBeUndefined();
    expect(await t.findById(patients, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await t.findById(patients, a.patientIds[0]!)).toMatchObject({ clinicId: a.id });
  });

  it("updates and deletes nothing of another clinic's", async () => {
    const a = await createFixtureClinic('a');
    const b = await createFixtureClinic('b');
    const result = await tenantDb(a.id).transaction(async (t) => ({
      updated: await t.update(patients, { givenName: 'X' }, eq(patients.id, b.patientIds[0]!)),
      deleted: await t.delete(appointments, eq(appointments.patientId, b.patientIds[0]!)),
    }));
    expect(result).toEqual({ updated: [], deleted: [] });
  });

  it('refuses a missing or malformed clinic id before touching the database', () => {
    expect(() => tenantDb('')).toThrow(/clinic id/);
    expect(() => tenantDb("x' or '1'='1")).toThrow(/clinic id/);
  });

  it('pages with a total from one transaction', async () => {
    const a = await createFixtureClinic('a');
    await createFixtureClinic('b');
    const page = await tenantDb(a.id).listPage(patients, {
      limit: 2,
      orderBy: [patients.familyName],
    });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.familyName)).toEqual(['Garcia', 'Smith']);
  });
});
