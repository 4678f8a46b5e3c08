import type { TenantJob } from '../tenant-job';

/**
 * Every tenant job (event-triggered, one clinic each). The inline driver runs these in-process;
 * /api/inngest serves them with the crons below.
 */
export const tenantJobs: TenantJob[] = [];

/** Everything /api/inngest serves. */
export const functions = [...tenantJobs.map((j) => j.fn)];
