import { ActionError } from '@/lib/errors';
import { SLOT_TAKEN_MESSAGE } from './schemas';

/**
 * The practitioner is already booked then: found by the pre-check, or raised by the database's
 * exclusion constraint `appointments_no_overlap` when two bookings race. Actions show it next to
 * the start time; being an ActionError, it is a clear message (never a 500) anywhere else too.
 */
export class SlotTakenError extends ActionError {
  readonly field = 'startTime';
  constructor() {
    super(SLOT_TAKEN_MESSAGE);
  }
}

/** The wall-clock time does not exist in the clinic's timezone (clocks go forward that day). */
export class NonexistentLocalTimeError extends ActionError {
  readonly field = 'startTime';
  constructor(timeZone: string) {
    super(
      `That time does not exist in ${timeZone}: the clocks change that day. Choose another time.`,
    );
  }
}

export type AppointmentFieldError = SlotTakenError | NonexistentLocalTimeError;

export function isAppointmentFieldError(err: unknown): err is AppointmentFieldError {
  return err instanceof SlotTakenError || err instanceof NonexistentLocalTimeError;
}
