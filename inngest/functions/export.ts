import { randomUUID } from 'node:crypto';
import { NonRetriableError } from 'inngest';
import {
  ExportFailure,
  REVOKED_REASON,
  checkRequester,
  failExport,
  finishExport,
  produceExport,
  startExport,
} from '@/lib/exports/run';
import { exportRequested } from '../events';
import { defineTenantJob } from '../tenant-job';

/**
 * One requested export (patient list CSV, appointments CSV, patient summary PDF) of one clinic:
 * start → re-check the requester's permission → produce and store the file → done. A failure the
 * user can act on (revoked permission, patient gone) fails the export for good; an unexpected
 * error fails it too, with a reference for the logs, so the row never stays "running" (the user
 * can ask again).
 */
export const exportJob = defineTenantJob({
  id: 'clinic-export',
  trigger: exportRequested,
  handler: async ({ data, db, clinic, step }) => {
    const start = await step.run('start', () => startExport(db, data.exportId));
    if (start.state === 'missing') {
      throw new NonRetriableError(`Export ${data.exportId} does not exist in this clinic`);
    }
    // The same event delivered again: the export already ended, and makes no second file.
    if (start.state === 'finished') return { exportId: data.exportId, status: start.status };
    const started = start.export;

    const allowed = await step.run('check-permission', () => checkRequester(db, started));
    if (!allowed) throw new NonRetriableError(REVOKED_REASON);

    const produced = await step.run('produce', async () => {
      try {
        return await produceExport(db, clinic, started);
      } catch (err) {
        const ref = randomUUID().slice(0, 8);
        const reason =
          err instanceof ExportFailure
            ? err.message
            : `The export could not be produced (reference ${ref}). Try again.`;
        if (!(err instanceof ExportFailure))
          console.error(`[export ${started.exportId}] ref=${ref}`, err);
        await failExport(db, started.exportId, reason);
        throw new NonRetriableError(reason, { cause: err });
      }
    });

    await step.run('finish', () => finishExport(db, started.exportId, produced));
    return { exportId: started.exportId, status: 'done' as const, rowCount: produced.rowCount };
  },
});
