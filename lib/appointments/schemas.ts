/**
 * Input schemas of the appointment actions, plus the constants the UI shares with the server.
 * Plain zod with no server imports, so the forms validate with exactly the schema the action
 * enforces. Every schema is strict: a smuggled `clinicId`, `status` or `createdBy` is a validation
 * error, never trusted.
 */
import { z } from 'zod';
import { multilineText, text } from '@/lib/validation/text';
import { HH_MM, isIsoDate } from './time';

/** Mirrors db/schema/appointments.ts (lib/data/appointments.ts checks the two agree). */
export const APPOINTMENT_STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** The statuses an appointment can be moved to from `scheduled`. */
export const STATUS_CHANGES = ['cancelled', 'completed', 'no_show'] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number];

/** The lengths the form offers; the clinic's `slot_minutes` is offered too (see durationOptions). */
export const DURATIONS = [15, 30, 45, 60, 90, 120] as const;
/** Any length on a 5-minute grid within these bounds is accepted (the calendar selects freely). */
export const DURATION_MIN = 5;
export const DURATION_MAX = 240;

/** The offered lengths with the clinic's default slot length among them, sorted. */
export function durationOptions(slotMinutes: number, current?: number): number[] {
  const all = new Set<number>([...DURATIONS, slotMinutes, ...(current ? [current] : [])]);
  return [...all].sort((a, b) => a - b);
}

export const REASON_MAX = 500;

const date = text({ error: 'Choose a date' }).trim().refine(isIsoDate, 'Choose a valid date');

const startTime = text({ error: 'Enter a start time' })
  .trim()
  .min(1, 'Enter a start time')
  .regex(HH_MM, 'Enter a time such as 09:30');

// Forms send strings ("30"); coerce, then allow whole 5-minute steps.
const durationMinutes = z.coerce
  .number({ error: 'Choose a duration' })
  .int('Choose a duration')
  .min(DURATION_MIN, `At least ${DURATION_MIN} minutes`)
  .max(DURATION_MAX, `At most ${DURATION_MAX} minutes`)
  .multipleOf(5, 'Choose a duration in steps of 5 minutes');

// Booking outside the working hours needs this explicit confirmation (stored on the appointment).
const outsideHours = z.boolean({ error: 'Tick or untick "Book outside working hours"' }).optional();

// A textarea: line breaks are part of the text.
const reason = multilineText()
  .trim()
  .max(REASON_MAX, `Use at most ${REASON_MAX} characters`)
  .optional();

const practitionerMembershipId = z.uuid({ error: 'Choose a practitioner' });

export const bookAppointmentSchema = z
  .object({
    patientId: z.uuid({ error: 'Choose a patient' }),
    practitionerMembershipId,
    date,
    startTime,
    durationMinutes,
    reason,
    outsideHours,
  })
  .strict();
export type BookAppointmentInput = z.input<typeof bookAppointmentSchema>;
export type BookAppointmentValues = z.output<typeof bookAppointmentSchema>;

/** Rescheduling (date, time, length, practitioner) and the reason. The patient stays. */
export const updateAppointmentSchema = z
  .object({
    appointmentId: z.uuid({ error: 'Unknown appointment' }),
    practitionerMembershipId,
    date,
    startTime,
    durationMinutes,
    reason,
    outsideHours,
  })
  .strict();
export type UpdateAppointmentInput = z.input<typeof updateAppointmentSchema>;
export type UpdateAppointmentValues = z.output<typeof updateAppointmentSchema>;

export const setAppointmentStatusSchema = z
  .object({
    appointmentId: z.uuid({ error: 'Unknown appointment' }),
    status: z.enum(STATUS_CHANGES, { error: 'Choose cancelled, completed or no-show' }),
  })
  .strict();
export type SetAppointmentStatusInput = z.input<typeof setAppointmentStatusSchema>;

/** The user-facing message for a double booking, from the pre-check and the database alike. */
export const SLOT_TAKEN_MESSAGE =
  'This practitioner already has an appointment at that time. Choose another time.';
