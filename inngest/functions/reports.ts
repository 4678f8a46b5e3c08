import { produceMonthlyReport } from '@/lib/reports/monthly-report';
import { previousPeriod } from '@/lib/reports/period';
import { reportRequested } from '../events';
import { defineFanOutCron } from '../fan-out';
import { defineTenantJob } from '../tenant-job';

/** The monthly summary of one clinic for `period`, counted in the clinic's timezone. */
export const monthlyReportJob = defineTenantJob({
  id: 'clinic-monthly-report',
  trigger: reportRequested,
  handler: ({ data, db, clinic, step }) =>
    produceMonthlyReport(db, { period: data.period, timeZone: clinic.timezone }, step),
});

/** 04:00 UTC on the 1st: one report of the previous month per active clinic. */
export const monthlyReports = defineFanOutCron({
  id: 'reports-monthly',
  schedule: 'TZ=UTC 0 4 1 * *',
  eventFor: (clinicId, firedAt) =>
    reportRequested.create({ clinicId, period: previousPeriod(firedAt) }),
});
