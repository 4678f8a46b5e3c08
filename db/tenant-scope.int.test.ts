/**
 * TenantScope's own contract, beyond isolation (db/tenant-isolation.int.test.ts): which ids it
 * takes, how it pages and counts, what insert, upsert and insertIfAbsent answer.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { clinicCounters, exportJobs, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, SHARED_PATIENTS, type FixtureClinic } from '@/test/fixtures';

const db = useTestDatabase();
let a: FixtureClinic;
let b: FixtureClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createFixtureClinic('a');
  b = await createFixtureClinic('b');
});

describe('ids', () => {
  it('are uuids in either case', async () => {
    const id = a.patientIds[0]!;
    const found = await tenantDb(a.id.toUpperCase()).findById(patients, id.toUpperCase());
    expect(found).toMatchObject({ id, clinicId: a.id });
  });

  it('with anything around the uuid are missing, and such a clinic id is refused', async () => {
    const id = a.patientIds[0]!;
    const t = tenantDb(a.id);
    for (const bad of [`x${id}`, `${id}x`, `${id.slice(0, 8)}-${id}`]) {
      expect(await t.findById(patients, bad)).toBeUndefined();
      expect(await t.transaction((s) => s.patientPortalEmail(bad))).toBeNull();
      expect(() => tenantDb(bad)).toThrow(/clinic id/);
    }
  });

  it('must be strings, not something that prints as one', () => {
    expect(() => tenantDb(undefined as unknown as string)).toThrow(/clinic id/);
    expect(() => tenantDb(new String(a.id) as unknown as string)).toThrow(/clinic id/);
  });
});

describe('reads', () => {
  it('list in id order by default, from the offset, and count what the condition matches', async () => {
    const t = tenantDb(a.id);
    // Ten rows, so that the order they were stored in is not the id order by chance.
    const more = await t.transaction((s) =>
      s.insert(
        patients,
        Array.from({ length: 7 }, (_, i) => ({ ...SHARED_PATIENTS[0]!, mrn: `MORE-${i}` })),
      ),
    );
    const byId = [...a.patientIds, ...more.map((r) => r.id)].sort();
    expect((await t.list(patients, { limit: 10 })).map((r) => r.id)).toEqual(byId);
    expect((await t.list(patients, { limit: 10, offset: 1 })).map((r) => r.id)).toEqual(
      byId.slice(1),
    );
    expect(await t.count(patients)).toBe(10);
    expect(await t.count(patients, eq(patients.familyName, 'Smith'))).toBe(1);
  });

  it('take a condition written as a callback of the selected fields, within the clinic', async () => {
    const rows = await tenantDb(a.id).transaction((t) =>
      t
        .from(patients, { clinicId: patients.clinicId, name: patients.familyName })
        .where((f) => eq(f.name, 'Smith')),
    );
    expect(rows).toEqual([{ clinicId: a.id, name: 'Smith' }]);
  });

  it('page with the total of the same condition', async () => {
    const page = await tenantDb(a.id).listPage(patients, {
      where: eq(patients.familyName, 'Smith'),
      limit: 10,
    });
    expect(page).toMatchObject({ total: 1, rows: [{ familyName: 'Smith' }] });
  });
});

describe('writes', () => {
  const patient = (mrn: string) => ({
    mrn,
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1985-12-10',
    sex: 'female' as const,
  });

  it('insert answers a row for a row, a list for a list, and nothing for nothing', async () => {
    const result = await tenantDb(a.id).transaction(async (t) => ({
      one: await t.insert(patients, patient('N-1')),
      many: await t.insert(patients, [patient('N-2'), patient('N-3')]),
      none: await t.insert(patients, []),
    }));
    expect(result.one).toMatchObject({ mrn: 'N-1', clinicId: a.id });
    expect(result.many.map((r) => r.mrn)).toEqual(['N-2', 'N-3']);
    expect(result.none).toEqual([]);
  });

  it('upsert updates the conflicting row but never its clinic or id', async () => {
    const draw = (set: Record<string, unknown>) =>
      tenantDb(a.id).transaction((t) =>
        t.upsert(
          clinicCounters,
          { name: 'c', value: 1 },
          { target: [clinicCounters.clinicId, clinicCounters.name], set },
        ),
      );
    const first = await draw({ value: sql`${clinicCounters.value} + 1` });
    const smuggled = await draw({ value: 5, clinicId: b.id, id: randomUUID() });
    expect(first).toMatchObject({ clinicId: a.id, value: 1 });
    expect(smuggled).toMatchObject({ clinicId: a.id, id: first.id, value: 5 });
  });

  it('insertIfAbsent honours the partial index: one active export per request', async () => {
    const request = (status: 'queued' | 'done') => ({
      kind: 'patients_csv' as const,
      params: {},
      requestKey: 'k',
      status,
      requestedBy: null,
    });
    const active = sql`${exportJobs.status} in ('queued', 'running')`;
    const target = { target: [exportJobs.clinicId, exportJobs.requestKey], where: active };
    const result = await tenantDb(a.id).transaction(async (t) => ({
      done: await t.insertIfAbsent(exportJobs, request('done'), target),
      queued: await t.insertIfAbsent(exportJobs, request('queued'), target),
      again: await t.insertIfAbsent(exportJobs, request('queued'), target),
    }));
    expect(result.done).toMatchObject({ status: 'done', clinicId: a.id });
    expect(result.queued).toMatchObject({ status: 'queued', clinicId: a.id });
    expect(result.again).toBeUndefined();
  });
});
