/** The scheduled-report functions under @inngest/test (a fresh engine per test). */
import { InngestTestEngine } from '@inngest/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setClinicActive } from '@/db/control/clinics';
import { exportJobs, fileAttachments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { localDate } from '@/lib/appointments/time';
import { periodRange, previousPeriod } from '@/lib/reports/period';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { useTempStorage } from '@/test/retention-fixtures';
import { functions, tenantJobs } from './index';
import { monthlyReportJob, monthlyReports } from './reports';

const db = useTestDatabase();

let ny: TestClinic;
let tokyo: TestClinic;
let closed: TestClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeEach(async () => {
  await resetDatabase(db.handle());
  storage = useTempStorage();
  ny = await makeClinic('ny', 'America/New_York');
  tokyo = await makeClinic('tokyo', 'Asia/Tokyo');
  closed = await makeClinic('closed', 'UTC');
  await setClinicActive(SYSTEM_ACTOR, closed.id, false);
});
afterEach(() => storage.cleanup());

describe('the monthly report job', () => {
  it('produces the report of the period for the clinic of the event', async () => {
    const t = new InngestTestEngine({ function: monthlyReportJob.fn });
    const { result, error } = await t.execute({
      events: [{ name: 'clinic/report.requested', data: { clinicId: ny.id, period: '2025-03' } }],
    });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ period: '2025-03' });
    const [row] = await tenantDb(ny.id).list(exportJobs, { limit: 5 });
    expect(row).toMatchObject({ kind: 'monthly_report', status: 'done', requestedBy: null });
    const file = await tenantDb(ny.id).findById(fileAttachments, row!.attachmentId!);
    expect(file).toMatchObject({
      entityType: 'monthly_report',
      entityId: '2025-03',
      purpose: 'report',
    });
    expect(await tenantDb(tokyo.id).count(exportJobs)).toBe(0);
  });

  it('for a month not yet over in the clinic timezone, waits durably for its end first', async () => {
    // This month as Tokyo sees it: started, not over.
    const thisMonth = localDate(new Date(), 'Asia/Tokyo').slice(0, 7);
    const t = new InngestTestEngine({
      function: monthlyReportJob.fn,
      steps: [{ id: 'report-wait-for-period-end', handler: () => undefined }],
    });
    const { error, ctx } = await t.execute({
      events: [
        { name: 'clinic/report.requested', data: { clinicId: tokyo.id, period: thisMonth } },
      ],
    });
    expect(error).toBeUndefined();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith(
      'report-wait-for-period-end',
      periodRange(thisMonth, 'Asia/Tokyo').end.toISOString(),
    );
    expect(await tenantDb(tokyo.id).count(exportJobs)).toBe(1);
  });

  it('an event with a malformed period fails before the handler', async () => {
    const t = new InngestTestEngine({ function: monthlyReportJob.fn });
    const { error, ctx } = await t.execute({
      events: [{ name: 'clinic/report.requested', data: { clinicId: ny.id, period: '2025-3' } }],
    });
    expect((error as { name?: string } | undefined)?.name).toBe('EventValidationError');
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(await tenantDb(ny.id).count(exportJobs)).toBe(0);
  });

  it('is serialised per clinic', () => {
    expect(monthlyReportJob.fn.opts.concurrency).toEqual({ key: 'event.data.clinicId', limit: 1 });
  });
});

describe('the monthly report cron', () => {
  it('fans out one event per ACTIVE clinic for the previous month', async () => {
    const t = new InngestTestEngine({
      function: monthlyReports,
      steps: [{ id: 'fan-out', handler: () => ({ ids: [] }) }],
    });
    const before = new Date();
    const { result, ctx } = await t.execute();
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    const [stepId, events] = (ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } })
      .mock.calls[0] as [string, { name: string; data: { clinicId: string; period: string } }[]];
    expect(stepId).toBe('fan-out');
    expect(events.map((e) => e.name)).toEqual([
      'clinic/report.requested',
      'clinic/report.requested',
    ]);
    expect(events.map((e) => e.data.clinicId).sort()).toEqual([ny.id, tokyo.id].sort());
    expect(events.every((e) => e.data.period === previousPeriod(before))).toBe(true);
    expect(result).toEqual({ sent: 2 });
    expect(await tenantDb(ny.id).count(exportJobs)).toBe(0);
  });

  it('is a cron only, at 04:00 UTC on the 1st, and served with the job', () => {
    expect(monthlyReports.opts.triggers).toEqual([{ cron: 'TZ=UTC 0 4 1 * *' }]);
    expect(functions).toContain(monthlyReports);
    expect(tenantJobs).toContain(monthlyReportJob);
  });
});
