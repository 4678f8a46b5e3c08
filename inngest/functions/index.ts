import type { TenantJob } from '../tenant-job';
import { exportJob } from './export';
import { monthlyReportJob, monthlyReports } from './reports';
import { nightlyRetention, retentionJob } from './retention';

/**
 * Every tenant job (event-triggered, one clinic each). The inline driver runs these in-process;
 * /api/inngest serves them with the crons below.
 */
export const tenantJobs: TenantJob[] = [exportJob, retentionJob, monthlyReportJob];

/** Crons: each only fans out one event per active clinic (inngest/fan-out.ts). */
const crons = [nightlyRetention, monthlyReports];

/** Everything /api/inngest serves. */
export const functions = [...tenantJobs.map((j) => j.fn), ...crons];
