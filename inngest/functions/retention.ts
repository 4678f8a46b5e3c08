import { runRetention } from '@/lib/retention/run';
import { retentionRequested } from '../events';
import { defineFanOutCron } from '../fan-out';
import { defineTenantJob } from '../tenant-job';

/**
 * Retention for one clinic: `clinic/retention.requested`, sent by the nightly cron below, by the
 * control plane ("Run now") or by ops from the Inngest dashboard. The body is lib/retention's
 * steps; the TenantJob helper validated the payload, serialises runs per clinic and refused an
 * inactive clinic before it starts.
 */
export const retentionJob = defineTenantJob({
  id: 'clinic-retention',
  trigger: retentionRequested,
  handler: ({ data, db, step }) =>
    runRetention(
      db,
      {
        dryRun: data.dryRun,
        retentionDays: data.retentionDays,
        keepLatest: data.keepLatest,
        graceDays: data.graceDays,
        requestedBy: data.requestedBy ?? null,
      },
      step,
    ),
});

/** Every night at 03:00 UTC: one real retention run per active clinic. */
export const nightlyRetention = defineFanOutCron({
  id: 'retention-nightly',
  schedule: 'TZ=UTC 0 3 * * *',
  eventFor: (clinicId) => retentionRequested.create({ clinicId, dryRun: false }),
});
