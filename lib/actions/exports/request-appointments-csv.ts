'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { requestExport } from '@/lib/data/exports';
import { appointmentsCsvInputSchema, canonicalAppointmentsParams } from '@/lib/exports/params';

/**
 * Exports the appointments between two dates (clinic-local, inclusive; optionally one status) as
 * CSV, with times in the clinic's timezone. Runs in the background; a duplicate request while the
 * same export is queued or running returns that one.
 */
export const requestAppointmentsCsvAction = clinicAction
  .metadata({ name: 'requestAppointmentsCsv', permission: 'patients.export' })
  .inputSchema(appointmentsCsvInputSchema)
  .action(async ({ parsedInput: { idempotencyKey, ...range }, ctx }) => {
    const result = await requestExport(
      ctx,
      {
        kind: 'appointments_csv',
        params: canonicalAppointmentsParams(range),
      },
      { idempotencyKey },
    );
    revalidatePath('/exports');
    return result;
  });
