/**
 * The retention functions under @inngest/test: a fresh engine per test (the engine remembers step
 * results across executions), step.sendEvent mocked by its step id.
 */
import { InngestTestEngine } from '@inngest/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setClinicActive } from '@/db/control/clinics';
import { retentionRuns } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR, createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import { attachmentStates, insertAttachments, useTempStorage } from '@/test/retention-fixtures';
import { functions, tenantJobs } from './index';
import { nightlyRetention, retentionJob } from './retention';

const db = useTestDatabase();

let a: FixtureClinic;
let b: FixtureClinic;
let inactive: FixtureClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeEach(async () => {
  await resetDatabase(db.handle());
  storage = useTempStorage();
  a = await createFixtureClinic('alpha');
  b = await createFixtureClinic('beta');
  inactive = await createFixtureClinic('gamma');
  await setClinicActive(SYSTEM_ACTOR, inactive.id, false);
});
afterEach(() => storage.cleanup());

const requested = (data: Record<string, unknown>) =>
  [{ name: 'clinic/retention.requested', data }] as [
    { name: string; data: Record<string, unknown> },
  ];

describe('the retention tenant job', () => {
  it('runs in-process for a valid event and records its run', async () => {
    const now = new Date();
    await insertAttachments(
      a.id,
      [
        { purpose: 'export', ageDays: 200 },
        { purpose: 'export', ageDays: 1 },
        { purpose: 'patient_document', entityType: 'patient', ageDays: 900 },
      ],
      now,
    );
    const t = new InngestTestEngine({ function: retentionJob.fn });
    const { result, error } = await t.execute({
      events: requested({ clinicId: a.id, dryRun: false, graceDays: 0 }),
    });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      clinicId: a.id,
      dryRun: false,
      eligibleByAge: 1,
      softDeleted: 1,
      purged: 1,
      graceDays: 0,
    });
    const runs = await tenantDb(a.id).list(retentionRuns, { limit: 5 });
    expect(runs).toMatchObject([{ mode: 'real', status: 'done' }]);
    const states = await attachmentStates(a.id);
    expect(states.filter((s) => s.purged)).toHaveLength(1);
    expect(await tenantDb(b.id).count(retentionRuns)).toBe(0);
  });

  it('a dry run from the dashboard changes nothing', async () => {
    await insertAttachments(a.id, [{ purpose: 'report', ageDays: 400 }], new Date());
    const before = await attachmentStates(a.id);
    const t = new InngestTestEngine({ function: retentionJob.fn });
    const { result } = await t.execute({ events: requested({ clinicId: a.id, dryRun: true }) });
    expect(result).toMatchObject({ dryRun: true, eligibleByAge: 1, softDeleted: 0 });
    expect(await attachmentStates(a.id)).toEqual(before);
  });

  it.each([
    ['without clinicId', { dryRun: true }],
    ['with a clinicId that is not a uuid', { clinicId: 'north', dryRun: true }],
    ['without dryRun', { clinicId: 'CLINIC' }],
    ['with a bad override', { clinicId: 'CLINIC', dryRun: false, graceDays: -1 }],
  ])('an event %s fails before the handler and records no run', async (_label, data) => {
    const t = new InngestTestEngine({ function: retentionJob.fn });
    const payload = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, v === 'CLINIC' ? a.id : v]),
    );
    const { error, ctx } = await t.execute({ events: requested(payload) });
    expect((error as { name?: string } | undefined)?.name).toBe('EventValidationError');
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(await tenantDb(a.id).count(retentionRuns)).toBe(0);
  });

  it('stops for good on an inactive clinic', async () => {
    const t = new InngestTestEngine({ function: retentionJob.fn });
    const { error } = await t.execute({
      events: requested({ clinicId: inactive.id, dryRun: false }),
    });
    expect(error).toMatchObject({
      name: 'NonRetriableError',
      message: expect.stringMatching(/inactive/),
    });
    expect(await tenantDb(inactive.id).count(retentionRuns)).toBe(0);
  });

  it('is serialised per clinic: concurrency keyed by event.data.clinicId', () => {
    expect(retentionJob.fn.opts.concurrency).toEqual({ key: 'event.data.clinicId', limit: 1 });
    expect(retentionJob.fn.opts.triggers).toEqual([
      expect.objectContaining({ event: 'clinic/retention.requested' }),
    ]);
  });
});

describe('the nightly retention cron', () => {
  it('fans out exactly one real-run event per ACTIVE clinic, in one sendEvent step', async () => {
    const t = new InngestTestEngine({
      function: nightlyRetention,
      steps: [{ id: 'fan-out', handler: () => ({ ids: [] }) }],
    });
    const { result, ctx } = await t.execute();
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    const [stepId, events] = (ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } })
      .mock.calls[0] as [string, { name: string; data: Record<string, unknown> }[]];
    expect(stepId).toBe('fan-out');
    expect(events.map((e) => e.name)).toEqual([
      'clinic/retention.requested',
      'clinic/retention.requested',
    ]);
    expect(
      events
        .map((e) => e.data)
        .sort((x, y) => String(x.clinicId).localeCompare(String(y.clinicId))),
    ).toEqual(
      [
        { clinicId: a.id, dryRun: false },
        { clinicId: b.id, dryRun: false },
      ].sort((x, y) => x.clinicId.localeCompare(y.clinicId)),
    );
    expect(events.some((e) => e.data.clinicId === inactive.id)).toBe(false);
    expect(result).toEqual({ sent: 2 });
    // Fanning out does no clinic work itself.
    expect(await tenantDb(a.id).count(retentionRuns)).toBe(0);
  });

  it('sends nothing when no clinic is active', async () => {
    await setClinicActive(SYSTEM_ACTOR, a.id, false);
    await setClinicActive(SYSTEM_ACTOR, b.id, false);
    const t = new InngestTestEngine({
      function: nightlyRetention,
      steps: [{ id: 'fan-out', handler: () => ({ ids: [] }) }],
    });
    const { result, ctx } = await t.execute();
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(result).toEqual({ sent: 0 });
  });

  it('is a cron only (no event trigger beside it), at 03:00 UTC', () => {
    expect(nightlyRetention.opts.triggers).toEqual([{ cron: 'TZ=UTC 0 3 * * *' }]);
  });
});

describe('the registry', () => {
  it('serves the retention job and cron; the inline driver finds the job by its event', () => {
    expect(functions).toContain(retentionJob.fn);
    expect(functions).toContain(nightlyRetention);
    expect(tenantJobs.find((j) => j.trigger.name === 'clinic/retention.requested')).toBe(
      retentionJob,
    );
  });
});
