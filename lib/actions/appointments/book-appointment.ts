'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { clinicAction } from '@/lib/actions/safe-action';
import { isAppointmentFieldError } from '@/lib/appointments/errors';
import { bookAppointmentSchema } from '@/lib/appointments/schemas';
import { bookAppointment } from '@/lib/data/appointments';

/**
 * Books an appointment at a wall-clock time in the clinic's timezone. A double booking (found by
 * the pre-check or by the database's exclusion constraint when two bookings race) and a time the
 * clocks skip come back as a message next to the start time; another clinic's patient or
 * practitioner id is "not found".
 */
export const bookAppointmentAction = clinicAction
  .metadata({ name: 'bookAppointment', permission: 'appointments.manage' })
  .inputSchema(bookAppointmentSchema)
  .action(async ({ parsedInput, ctx }) => {
    let booked;
    try {
      booked = await bookAppointment(ctx, parsedInput);
    } catch (err) {
      if (isAppointmentFieldError(err)) {
        returnValidationErrors(bookAppointmentSchema, { [err.field]: { _errors: [err.message] } });
      }
      throw err;
    }
    revalidatePath('/appointments', 'layout');
    revalidatePath('/');
    return booked;
  });
