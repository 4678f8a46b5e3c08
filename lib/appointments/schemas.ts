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

export const DURATIONS = [15, 30, 45, 60] as const;
export type Duration = (typeof DURATIONS)[number];
export const DEFAULT_DURATION: Duration = 30;

export const REASON_MAX = 500;

const date = text({ error: 'Choose a date' }).trim().refine(isIsoDate, 'Choose a valid date');

const startTime = text({ error: 'Enter a start time' })
  .trim()
  .min(1, 'Enter a start time')
  .regex(HH_MM, 'Enter a time such as 09:30');

// Forms send strings ("30"); coerce, then allow only the offered lengths.
const durationMinutes = z.coerce
  .number({ error: 'Choose a duration' })
  .int('Choose a duration')
  .refine((v): v is Duration => (DURATIONS as readonly number[]).includes(v), {
    message: `Choose ${DURATIONS.slice(0, -1).join(', ')} or ${DURATIONS.at(-1)} minutes`,
  });

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
