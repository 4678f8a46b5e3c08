import 'server-only';
import { z } from 'zod';
import { calendarRange, type CalendarView } from '@/lib/appointments/calendar';
import { DURATION_MAX, DURATION_MIN } from '@/lib/appointments/schemas';
import { isIsoDate, todayIn } from '@/lib/appointments/time';
import type { AppointmentListItem, PractitionerChoice } from '@/lib/appointments/types';
import type { WeeklyHours } from '@/lib/appointments/working-hours';
import type { ClinicContext } from '@/lib/auth/context';
import type { TimeFormat } from '@/lib/dates/format';
import { text } from '@/lib/validation/text';
import { appointmentsBetween } from './appointments';
import { clinicSchedule, nextFreeSlots } from './booking-rules';
import { STAFF_SEARCH_MAX, getPractitionerOrThrow, searchStaffIn } from './staff';

/** `GET /api/appointments/free-slots` parameters; anything malformed is a 400. */
export const freeSlotsQuerySchema = z.object({
  practitionerMembershipId: z.uuid({ error: 'practitionerMembershipId: a membership id' }),
  durationMinutes: z.coerce.number().int().min(DURATION_MIN).max(DURATION_MAX),
  from: text().trim().refine(isIsoDate, 'from: a YYYY-MM-DD date').optional(),
  exceptId: z.uuid().optional(),
});
export type FreeSlotsQuery = z.output<typeof freeSlotsQuerySchema>;

export const FREE_SLOT_COUNT = 6;

/**
 * The practitioner's next free slots, for the booking form's suggestions. Another clinic's
 * membership is "not found" and a non-clinical member is refused, exactly as booking them would be.
 */
export async function freeSlots(
  ctx: Pick<ClinicContext, 'db'>,
  query: FreeSlotsQuery,
  now: Date = new Date(),
): Promise<{ date: string; startTime: string }[]> {
  return ctx.db.read(async (t) => {
    await getPractitionerOrThrow(t, query.practitionerMembershipId);
    return nextFreeSlots(
      t,
      await clinicSchedule(t),
      {
        practitionerMembershipId: query.practitionerMembershipId,
        durationMinutes: query.durationMinutes,
        fromDate: query.from ?? null,
        exceptId: query.exceptId ?? null,
        count: FREE_SLOT_COUNT,
      },
      now,
    );
  });
}

/** What the booking form needs besides the patient: the clinic's clock and schedule settings. */
export interface BookingSettings {
  timeZone: string;
  timeFormat: TimeFormat;
  today: string;
  workingHours: string;
  slotMinutes: number;
}

export async function bookingSettings(
  ctx: Pick<ClinicContext, 'db'>,
  now: Date = new Date(),
): Promise<BookingSettings> {
  return ctx.db.read(async (t) => {
    const s = await clinicSchedule(t);
    return {
      timeZone: s.timeZone,
      timeFormat: s.timeFormat,
      today: todayIn(s.timeZone, now),
      workingHours: s.workingHours,
      slotMinutes: s.slotMinutes,
    };
  });
}

export interface CalendarData extends BookingSettings {
  view: CalendarView;
  /** The day the view shows (the week's days contain it). */
  date: string;
  hours: WeeklyHours;
  /** The columns of the day view: the clinic's bookable practitioners. */
  practitioners: PractitionerChoice[];
  /** Everything but cancelled appointments: those free their slot. */
  events: AppointmentListItem[];
  /** True when more appointments exist in the range than are shown. */
  truncated: boolean;
}

const CALENDAR_LIMIT = 2000;

/** A day or week of the calendar (today's when no date is given), its practitioners and settings. */
export async function calendarData(
  ctx: Pick<ClinicContext, 'db'>,
  request: { date: string | null; view: CalendarView },
  now: Date = new Date(),
): Promise<CalendarData> {
  return ctx.db.read(async (t) => {
    const s = await clinicSchedule(t);
    const today = todayIn(s.timeZone, now);
    const date = request.date ?? today;
    const events = await appointmentsBetween(t, {
      ...calendarRange(date, request.view),
      timeZone: s.timeZone,
      limit: CALENDAR_LIMIT + 1,
      statuses: ['scheduled', 'completed', 'no_show'],
    });
    return {
      view: request.view,
      date,
      timeZone: s.timeZone,
      timeFormat: s.timeFormat,
      today,
      workingHours: s.workingHours,
      slotMinutes: s.slotMinutes,
      hours: s.hours,
      practitioners: await searchStaffIn(t, { limit: STAFF_SEARCH_MAX }),
      events: events.slice(0, CALENDAR_LIMIT),
      truncated: events.length > CALENDAR_LIMIT,
    };
  });
}
