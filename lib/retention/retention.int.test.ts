import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, retentionRuns } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { recordAudit } from '@/lib/audit/record';
import { setClinicSetting } from '@/lib/settings/write';
import { getStorage, setStorage } from '@/lib/storage';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import {
  attachmentRows,
  attachmentStates,
  daysAgo,
  insertAttachments,
  storedFiles,
  useTempStorage,
  type AttachmentSpec,
} from '@/test/retention-fixtures';
import { runRetention } from './run';
import { runInProgress } from './runs';
import { IMMEDIATE_STEPS, RetentionBusyError, type JobStep } from './types';

const db = useTestDatabase();
const NOW = new Date('2026-10-01T03:00:00.000Z');

let north: FixtureClinic;
let south: FixtureClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeEach(async () => {
  await resetDatabase(db.handle());
  storage = useTempStorage();
  north = await createFixtureClinic('north');
  south = await createFixtureClinic('south');
});
afterEach(() => storage.cleanup());

const run = (clinicId: string, options: Partial<Parameters<typeof runRetention>[1]> = {}) =>
  runRetention(tenantDb(clinicId), { dryRun: false, now: NOW, ...options }, IMMEDIATE_STEPS);

async function auditRows(clinicId: string) {
  return tenantDb(clinicId).list(auditEvents, { orderBy: [asc(auditEvents.id)], limit: 10_000 });
}

/** A bit of everything: old, young, beyond the latest N, soft-deleted at various times. */
const MIX: AttachmentSpec[] = [
  { purpose: 'export', ageDays: 120 }, // by age
  { purpose: 'report', entityType: 'monthly_report', ageDays: 95 }, // by age
  { purpose: 'export', ageDays: 10 }, // young, kept
  { purpose: 'export', ageDays: 200, deletedDaysAgo: 30 }, // purgeable
  { purpose: 'export', ageDays: 200, deletedDaysAgo: 30, purged: true }, // already purged
  { purpose: 'report', entityType: 'monthly_report', ageDays: 40, deletedDaysAgo: 2 }, // in grace
  { purpose: 'patient_document', entityType: 'patient', ageDays: 900 }, // clinical: never
  { purpose: 'patient_document', entityType: 'patient', ageDays: 900, deletedDaysAgo: 100 },
];

describe('dry run and real run', () => {
  it('report the same counts; the dry run changes nothing, the real run does the work', async () => {
    await insertAttachments(north.id, MIX, NOW);
    const rowsBefore = await attachmentRows(north.id);
    const filesBefore = storedFiles(storage.root);

    const dry = await run(north.id, { dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      eligibleByAge: 2,
      eligibleByKeepLatest: 0,
      purgeable: 1,
      softDeleted: 0,
      purged: 0,
    });
    expect(await attachmentRows(north.id)).toEqual(rowsBefore);
    expect(storedFiles(storage.root)).toEqual(filesBefore);

    const real = await run(north.id);
    expect(real).toMatchObject({
      dryRun: false,
      eligibleByAge: dry.eligibleByAge,
      eligibleByKeepLatest: dry.eligibleByKeepLatest,
      purgeable: dry.purgeable,
      softDeleted: 2,
      purged: 1,
    });
    const states = await attachmentStates(north.id);
    expect(states.filter((s) => s.deleted && s.purpose !== 'patient_document')).toHaveLength(5);
    expect(states.filter((s) => s.purged)).toHaveLength(2);
    expect(storedFiles(storage.root)).toHaveLength(filesBefore.length - 1);
  });

  it('with a zero-day grace the dry run counts what phase 1 would make purgeable', async () => {
    await insertAttachments(north.id, MIX, NOW);
    const dry = await run(north.id, { dryRun: true, graceDays: 0 });
    expect(dry.purgeable).toBe(2 + 2); // two soft-deleted earlier (one in grace) + two by age
    const real = await run(north.id, { graceDays: 0 });
    expect(real.purged).toBe(dry.purgeable);
    expect(real.softDeleted).toBe(2);
  });
});

describe('phase 1: what is soft-deleted', () => {
  it('keeps the latest N per (entity type, purpose), from the clinic setting', async () => {
    await tenantDb(north.id).transaction((t) =>
      setClinicSetting(t, 'exports_keep_latest', 2, null),
    );
    const ids = await insertAttachments(
      north.id,
      [
        { purpose: 'export', entityType: 'patients_csv', ageDays: 5 },
        { purpose: 'export', entityType: 'patients_csv', ageDays: 4 },
        { purpose: 'export', entityType: 'patients_csv', ageDays: 3 },
        { purpose: 'export', entityType: 'patients_csv', ageDays: 2 },
        // Another entity type, and another purpose of the same type: ranked on their own.
        { purpose: 'export', entityType: 'appointments_csv', ageDays: 9 },
        { purpose: 'export', entityType: 'appointments_csv', ageDays: 8 },
        { purpose: 'report', entityType: 'patients_csv', ageDays: 7 },
      ],
      NOW,
    );
    const result = await run(north.id);
    expect(result).toMatchObject({ keepLatest: 2, eligibleByKeepLatest: 2, eligibleByAge: 0 });
    const deleted = (await attachmentStates(north.id)).filter((s) => s.deleted).map((s) => s.id);
    expect(deleted.sort()).toEqual([ids[0], ids[1]].sort());
  });

  it('soft-deletes past the retention days and keeps what is younger', async () => {
    const ids = await insertAttachments(
      north.id,
      [
        { purpose: 'export', ageDays: 90.01, entityId: 'a' },
        { purpose: 'export', ageDays: 89.99, entityId: 'b' },
        { purpose: 'report', ageDays: 365, entityType: 'monthly_report' },
      ],
      NOW,
    );
    const result = await run(north.id);
    expect(result).toMatchObject({ retentionDays: 90, eligibleByAge: 2, softDeleted: 2 });
    const states = await attachmentStates(north.id);
    expect(states.find((s) => s.id === ids[1])?.deleted).toBe(false);
    expect(states.filter((s) => s.deleted)).toHaveLength(2);

    // A shorter limit from the clinic's setting.
    await tenantDb(north.id).transaction((t) =>
      setClinicSetting(t, 'export_retention_days', 30, null),
    );
    expect((await run(north.id, { now: new Date(NOW.getTime() + 1000) })).softDeleted).toBe(1);
  });

  it('never touches patient documents, however old or long deleted', async () => {
    await insertAttachments(
      north.id,
      [
        { purpose: 'patient_document', entityType: 'patient', ageDays: 5000 },
        { purpose: 'patient_document', entityType: 'patient', ageDays: 4000, deletedDaysAgo: 3000 },
        ...Array.from({ length: 5 }, (_, i) => ({
          purpose: 'patient_document' as const,
          entityType: 'patient',
          ageDays: i,
        })),
      ],
      NOW,
    );
    const rowsBefore = await attachmentRows(north.id);
    const filesBefore = storedFiles(storage.root);
    const result = await run(north.id, { keepLatest: 1, retentionDays: 1, graceDays: 0 });
    expect(result).toMatchObject({ eligibleByAge: 0, eligibleByKeepLatest: 0, purgeable: 0 });
    expect(await attachmentRows(north.id)).toEqual(rowsBefore);
    expect(storedFiles(storage.root)).toEqual(filesBefore);
  });
});

describe('phase 2: purging after the grace period', () => {
  it('purges only rows soft-deleted longer than the grace period, removing their files', async () => {
    const [yesterday, lastWeekPlus] = await insertAttachments(
      north.id,
      [
        { purpose: 'export', ageDays: 3, deletedDaysAgo: 1 },
        { purpose: 'export', ageDays: 30, deletedDaysAgo: 7.5 },
      ],
      NOW,
    );
    expect(await run(north.id)).toMatchObject({ graceDays: 7, purgeable: 1, purged: 1 });
    let states = await attachmentStates(north.id);
    expect(states.find((s) => s.id === yesterday)).toMatchObject({ purged: false, stored: true });
    expect(states.find((s) => s.id === lastWeekPlus)).toMatchObject({
      purged: true,
      stored: false,
    });
    expect(storedFiles(storage.root)).toHaveLength(1);

    // A run a week later purges yesterday's too.
    const weekLater = new Date(NOW.getTime() + 7 * 86_400_000);
    expect((await run(north.id, { now: weekLater })).purged).toBe(1);
    states = await attachmentStates(north.id);
    expect(states.every((s) => s.purged && !s.stored)).toBe(true);
    expect(storedFiles(storage.root)).toEqual([]);
  });

  it('takes a grace override from the event, and works through many batches', async () => {
    await insertAttachments(
      north.id,
      Array.from({ length: 11 }, (_, i) => ({
        purpose: 'export' as const,
        ageDays: 10 + i,
        deletedDaysAgo: 1,
      })),
      NOW,
    );
    const result = await run(north.id, { graceDays: 0, batchSize: 3 });
    expect(result.purged).toBe(11);
    expect(storedFiles(storage.root)).toEqual([]);
  });

  it('a file already missing from storage is still marked purged', async () => {
    const [id] = await insertAttachments(
      north.id,
      [{ purpose: 'export', ageDays: 30, deletedDaysAgo: 10 }],
      NOW,
    );
    const [row] = await attachmentRows(north.id);
    await getStorage().delete(row!.storageKey);
    expect((await run(north.id)).purged).toBe(1);
    expect((await attachmentStates(north.id)).find((s) => s.id === id)?.purged).toBe(true);
  });
});

describe('boundaries', () => {
  it('leaves the audit trail alone and adds one summary event with counts only', async () => {
    const t0 = daysAgo(NOW, 3000);
    await tenantDb(north.id).transaction(async (t) => {
      for (let i = 0; i < 5; i++) {
        await recordAudit(t, { userId: null }, { action: 'patient.view', entityId: `p${i}` });
      }
      // Very old audit rows: older than any retention limit.
      await t.insert(auditEvents, {
        occurredAt: t0,
        action: 'patient.create',
        outcome: 'success',
        metadata: { note: 'old' },
      });
    });
    await insertAttachments(north.id, MIX, NOW);
    const before = await auditRows(north.id);

    const result = await run(north.id, { retentionDays: 1, keepLatest: 1, graceDays: 0 });
    const after = await auditRows(north.id);
    expect(after).toHaveLength(before.length + 1);
    for (const row of before) expect(after).toContainEqual(row);
    const summary = after.find((r) => r.action === 'retention.run');
    expect(summary).toMatchObject({
      outcome: 'success',
      entityType: 'retention_run',
      entityId: result.runId,
    });
    expect(Object.values(summary!.metadata ?? {}).every((v) => typeof v === 'number')).toBe(true);

    await run(north.id, { dryRun: true, now: new Date(NOW.getTime() + 1) });
    expect(await auditRows(north.id)).toHaveLength(before.length + 2);
  });

  it("never touches another clinic's attachments", async () => {
    await insertAttachments(north.id, MIX, NOW);
    await insertAttachments(south.id, MIX, NOW);
    const southRows = await attachmentRows(south.id);
    const southStates = await attachmentStates(south.id);
    await run(north.id, { retentionDays: 1, keepLatest: 1, graceDays: 0 });
    expect(await attachmentRows(south.id)).toEqual(southRows);
    expect(await attachmentStates(south.id)).toEqual(southStates);
    expect(await tenantDb(south.id).count(retentionRuns)).toBe(0);
  });

  it('records the run in retention_runs with its summary', async () => {
    await insertAttachments(north.id, MIX, NOW);
    const result = await run(north.id, { requestedBy: north.id });
    const [row] = await tenantDb(north.id).list(retentionRuns, { limit: 10 });
    expect(row).toMatchObject({
      id: result.runId,
      mode: 'real',
      status: 'done',
      requestedBy: north.id,
      startedAt: NOW,
    });
    expect(row!.finishedAt).not.toBeNull();
    expect(row!.summary).toEqual({
      retentionDays: 90,
      keepLatest: 10,
      graceDays: 7,
      eligibleByAge: 2,
      eligibleByKeepLatest: 0,
      purgeable: 1,
      softDeleted: 2,
      purged: 1,
    });
  });
});

describe('idempotence and one run at a time', () => {
  it('a rerun changes nothing', async () => {
    await insertAttachments(north.id, MIX, NOW);
    await run(north.id, { graceDays: 0 });
    const rows = await attachmentRows(north.id);
    const files = storedFiles(storage.root);
    const again = await run(north.id, { graceDays: 0, now: new Date(NOW.getTime() + 1) });
    expect(again).toMatchObject({
      eligibleByAge: 0,
      eligibleByKeepLatest: 0,
      purgeable: 0,
      softDeleted: 0,
      purged: 0,
    });
    expect(await attachmentRows(north.id)).toEqual(rows);
    expect(storedFiles(storage.root)).toEqual(files);
  });

  it('refuses a second run of the same clinic while one is in progress; others run', async () => {
    await insertAttachments(north.id, MIX, NOW);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedPlan!: () => void;
    const planning = new Promise<void>((resolve) => (reachedPlan = resolve));
    const pausing: JobStep = {
      run: async (id, fn) => {
        if (id === 'retention-plan') {
          reachedPlan();
          await gate;
        }
        return fn();
      },
    };
    const first = runRetention(tenantDb(north.id), { dryRun: false, now: NOW }, pausing);
    await planning;
    expect(await runInProgress(tenantDb(north.id), NOW)).toBe(true);
    await expect(run(north.id)).rejects.toBeInstanceOf(RetentionBusyError);
    await expect(run(north.id, { dryRun: true })).rejects.toBeInstanceOf(RetentionBusyError);
    // Another clinic is not held up.
    await expect(run(south.id)).resolves.toMatchObject({ dryRun: false });
    release();
    await expect(first).resolves.toMatchObject({ softDeleted: 2 });
    await expect(run(north.id, { now: new Date(NOW.getTime() + 1) })).resolves.toBeTruthy();
    const runs = await tenantDb(north.id).list(retentionRuns, { limit: 10 });
    expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('takes over a run left "running" for over an hour, and marks it failed', async () => {
    const [stale] = await tenantDb(north.id).transaction((t) =>
      t.insert(retentionRuns, [
        { mode: 'real', status: 'running', startedAt: new Date(NOW.getTime() - 61 * 60_000) },
      ]),
    );
    const result = await run(north.id);
    const runs = await tenantDb(north.id).list(retentionRuns, { limit: 10 });
    expect(runs.find((r) => r.id === stale!.id)?.status).toBe('failed');
    expect(runs.find((r) => r.id === result.runId)?.status).toBe('done');
    const events = await tenantDb(north.id).list(auditEvents, {
      where: and(eq(auditEvents.action, 'retention.run'), eq(auditEvents.entityId, stale!.id)),
      limit: 5,
    });
    expect(events).toHaveLength(1);
  });

  it('does not take over a run started less than an hour ago', async () => {
    await tenantDb(north.id).transaction((t) =>
      t.insert(retentionRuns, [
        { mode: 'real', status: 'running', startedAt: new Date(NOW.getTime() - 59 * 60_000) },
      ]),
    );
    await expect(run(north.id)).rejects.toBeInstanceOf(RetentionBusyError);
  });

  it('a failing run is marked failed (and audited), and does not block the next one', async () => {
    await insertAttachments(north.id, MIX, NOW);
    const real = getStorage();
    setStorage({ ...real, delete: async () => Promise.reject(new Error('storage down')) });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(run(north.id)).rejects.toThrow('storage down');
    errors.mockRestore();
    setStorage(real);
    const [failed] = await tenantDb(north.id).list(retentionRuns, { limit: 1 });
    expect(failed?.status).toBe('failed');
    const failures = await tenantDb(north.id).list(auditEvents, {
      where: and(eq(auditEvents.action, 'retention.run'), eq(auditEvents.outcome, 'failure')),
      limit: 5,
    });
    expect(failures).toHaveLength(1);
    const next = await run(north.id, { now: new Date(NOW.getTime() + 1) });
    expect(next.purged).toBe(1);
  });
});
