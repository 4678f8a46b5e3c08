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

/** Only practitioners (the clinical roles) are booked; a receptionist or clinic admin is not. */
export class PractitionerNotBookableError extends ActionError {
  readonly field = 'practitionerMembershipId';
  constructor(roleName: string) {
    super(
      `${roleName ? `A ${roleName.toLowerCase()}` : 'This member'} cannot be booked. Choose a practitioner (a doctor or a nurse).`,
    );
  }
}

export class StartInPastError extends ActionError {
  readonly field = 'startTime';
  constructor() {
    super('This time has already passed. Choose a time from now on.');
  }
}

/** Outside the `working_hours` setting, and the booker did not confirm it. */
export class OutsideWorkingHoursError extends ActionError {
  readonly field = 'startTime';
  constructor(workingHours: string) {
    super(
      `This is outside the clinic's working hours (${workingHours}). Choose another time, or tick "Book outside working hours".`,
    );
  }
}

export type AppointmentFieldError =
  | SlotTakenError
  | NonexistentLocalTimeError
  | PractitionerNotBookableError
  | StartInPastError
  | OutsideWorkingHoursError;

export function isAppointmentFieldError(err: unknown): err is AppointmentFieldError {
  return (
    err instanceof SlotTakenError ||
    err instanceof NonexistentLocalTimeError ||
    err instanceof PractitionerNotBookableError ||
    err instanceof StartInPastError ||
    err instanceof OutsideWorkingHoursError
  );
}
