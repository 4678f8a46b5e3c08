'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { setAppointmentStatusSchema } from '@/lib/appointments/schemas';
import { setAppointmentStatus } from '@/lib/data/appointments';

/**
 * Cancels a scheduled appointment, or marks it completed or a no-show once it has started.
 * Audited as appointment.cancel / appointment.complete / appointment.no_show. Another clinic's
 * appointment id is "not found", exactly like a missing one.
 */
export const setAppointmentStatusAction = clinicAction
  .metadata({ name: 'setAppointmentStatus', permission: 'appointments.manage' })
  .inputSchema(setAppointmentStatusSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await setAppointmentStatus(ctx, parsedInput);
    revalidatePath('/appointments', 'layout');
    revalidatePath('/');
    return result;
  });
