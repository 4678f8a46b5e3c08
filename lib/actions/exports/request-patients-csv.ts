'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { requestExport } from '@/lib/data/exports';
import { canonicalPatientsParams, patientsCsvInputSchema } from '@/lib/exports/params';

/**
 * Exports the patient list as CSV with the list's current filters (the same filter the list
 * uses). Runs in the background; asking again while the same export is queued or running returns
 * that one instead of starting another.
 */
export const requestPatientsCsvAction = clinicAction
  .metadata({ name: 'requestPatientsCsv', permission: 'patients.export' })
  .inputSchema(patientsCsvInputSchema)
  .action(async ({ parsedInput: { idempotencyKey, ...filters }, ctx }) => {
    const result = await requestExport(
      ctx,
      {
        kind: 'patients_csv',
        params: canonicalPatientsParams(filters),
      },
      { idempotencyKey },
    );
    revalidatePath('/exports');
    return result;
  });
