'use server';
import { revalidatePath } from 'next/cache';
import { recordSystemEvent } from '@/db/control/audit';
import { tenantDb } from '@/db/tenant';
import { retentionRequested } from '@/inngest/events';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { requireRetentionClinic } from '@/lib/control/retention-clinic';
import { clinicIdSchema } from '@/lib/control/schemas';
import { env, jobsMode } from '@/lib/env';
import { dispatch } from '@/lib/jobs/dispatch';
import { runInProgress } from '@/lib/retention/runs';
import { RetentionBusyError } from '@/lib/retention/types';

/**
 * "Run now" for one clinic: sends the same `clinic/retention.requested` event the nightly cron and
 * the Inngest dashboard send. With Inngest it runs there; in the zero-setup mode it runs in this
 * process after the response. The run's outcome shows in the clinic's run list.
 */
export const runRetentionAction = controlPlaneAction
  .metadata({ name: 'runRetention', permission: 'retention.run' })
  .inputSchema(clinicIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const clinic = await requireRetentionClinic(parsedInput.clinicId);
    // The run itself refuses too (unique index); asking first lets the operator see why.
    if (await runInProgress(tenantDb(clinic.id))) throw new RetentionBusyError();
    await dispatch(
      retentionRequested.create({ clinicId: clinic.id, dryRun: false, requestedBy: ctx.user.id }),
    );
    await recordSystemEvent(
      { userId: ctx.user.id, ...ctx.meta },
      {
        action: 'retention.request',
        outcome: 'success',
        clinicId: clinic.id,
        metadata: { dryRun: 0 },
      },
    );
    revalidatePath('/admin/retention');
    const runsIn: 'process' | 'inngest' = jobsMode(env) === 'inline' ? 'process' : 'inngest';
    return { clinicId: clinic.id, runsIn };
  });
