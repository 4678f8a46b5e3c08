'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { clinicAction } from '@/lib/actions/safe-action';
import { isAppointmentFieldError } from '@/lib/appointments/errors';
import { updateAppointmentSchema } from '@/lib/appointments/schemas';
import { updateAppointment } from '@/lib/data/appointments';

/**
 * Reschedules a scheduled appointment (date, time, length, practitioner) or changes its reason.
 * The same overlap rules as booking apply, the appointment itself excepted. Another clinic's
 * appointment id is "not found", exactly like a missing one.
 */
export const updateAppointmentAction = clinicAction
  .metadata({ name: 'updateAppointment', permission: 'appointments.manage' })
  .inputSchema(updateAppointmentSchema)
  .action(async ({ parsedInput, ctx }) => {
    let updated;
    try {
      updated = await updateAppointment(ctx, parsedInput);
    } catch (err) {
      if (isAppointmentFieldError(err)) {
        returnValidationErrors(updateAppointmentSchema, {
          [err.field]: { _errors: [err.message] },
        });
      }
      throw err;
    }
    revalidatePath('/appointments', 'layout');
    revalidatePath('/');
    return updated;
  });
