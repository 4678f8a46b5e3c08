'use server';
import { revalidatePath } from 'next/cache';
import { recordSystemEvent } from '@/db/control/audit';
import { tenantDb } from '@/db/tenant';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { requireRetentionClinic } from '@/lib/control/retention-clinic';
import { clinicIdSchema } from '@/lib/control/schemas';
import { runRetention } from '@/lib/retention/run';
import { IMMEDIATE_STEPS } from '@/lib/retention/types';

/**
 * Dry-run preview for one clinic: runs retention in dry-run mode right now, in this request, and
 * returns the counts. Changes no attachment and no stored file; the run is recorded in the clinic's
 * retention_runs and audit trail like any other, and the request in the system trail.
 */
export const previewRetentionAction = controlPlaneAction
  .metadata({ name: 'previewRetention', permission: 'retention.run' })
  .inputSchema(clinicIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const clinic = await requireRetentionClinic(parsedInput.clinicId);
    const result = await runRetention(
      tenantDb(clinic.id),
      { dryRun: true, requestedBy: ctx.user.id },
      IMMEDIATE_STEPS,
    );
    await recordSystemEvent(
      { userId: ctx.user.id, ...ctx.meta },
      {
        action: 'retention.request',
        outcome: 'success',
        clinicId: clinic.id,
        entityType: 'retention_run',
        entityId: result.runId,
        metadata: { dryRun: 1 },
      },
    );
    revalidatePath('/admin/retention');
    return {
      runId: result.runId,
      retentionDays: result.retentionDays,
      keepLatest: result.keepLatest,
      graceDays: result.graceDays,
      eligibleByAge: result.eligibleByAge,
      eligibleByKeepLatest: result.eligibleByKeepLatest,
      purgeable: result.purgeable,
    };
  });
