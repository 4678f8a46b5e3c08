'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { requestExport } from '@/lib/data/exports';
import { patientSummaryInputSchema } from '@/lib/exports/params';

/**
 * Prepares a printable PDF summary of one patient (demographics and appointments). A missing id
 * and another clinic's id are both "Patient not found". Runs in the background.
 */
export const requestPatientSummaryAction = clinicAction
  .metadata({ name: 'requestPatientSummary', permission: 'patients.export' })
  .inputSchema(patientSummaryInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await requestExport(
      ctx,
      { kind: 'patient_summary_pdf', params: { patientId: parsedInput.patientId } },
      { idempotencyKey: parsedInput.idempotencyKey },
    );
    revalidatePath('/exports');
    return result;
  });
