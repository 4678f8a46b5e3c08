import 'server-only';
import type { TimeFormat } from '@/lib/dates/format';
import { and, asc, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import { appointments } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { OutsideWorkingHoursError, StartInPastError } from '@/lib/appointments/errors';
import { isoWeekday, shiftDate, todayIn, zonedToUtc } from '@/lib/appointments/time';
import {
  isWithinHours,
  minutesOf,
  timeOf,
  workingHoursOrClosed,
  type WeeklyHours,
} from '@/lib/appointments/working-hours';
import { settingValues } from '@/lib/settings/resolve';

/** Appointments that hold their slot (the exclusion constraint's WHERE clause). */
export const LIVE_STATUSES = ['scheduled', 'completed'] as const;

/** The clinic's schedule settings, read once per request. */
export interface ClinicSchedule {
  timeZone: string;
  timeFormat: TimeFormat;
  /** The setting's text, for messages ("Mon-Fri 08:00-18:00"). */
  workingHours: string;
  hours: WeeklyHours;
  slotMinutes: number;
}

export async function clinicSchedule(t: TenantScope): Promise<ClinicSchedule> {
  const s = await settingValues(t);
  return {
    timeZone: s.timezone,
    timeFormat: s.time_format,
    workingHours: s.working_hours,
    hours: workingHoursOrClosed(s.working_hours),
    slotMinutes: s.slot_minutes,
  };
}

export interface WallClockSlot {
  date: string;
  startTime: string;
  durationMinutes: number;
  startsAt: Date;
  /** The booker confirmed a time outside the working hours. */
  outsideHours?: boolean;
}

/**
 * The time rules of booking and rescheduling, enforced here whatever the form did: no start in
 * the past, and within the working hours unless the booker confirmed otherwise. Returns what to
 * store in `appointments.outside_hours`: true only for a confirmed time that is really outside.
 */
export function checkBookableTime(
  schedule: ClinicSchedule,
  slot: WallClockSlot,
  now: Date,
): { outsideHours: boolean } {
  if (slot.startsAt.getTime() < now.getTime()) throw new StartInPastError();
  const within = isWithinHours(
    schedule.hours,
    isoWeekday(slot.date),
    minutesOf(slot.startTime),
    slot.durationMinutes,
  );
  if (!within && !slot.outsideHours) throw new OutsideWorkingHoursError(schedule.workingHours);
  return { outsideHours: !within };
}

/** How far ahead the suggestions look. */
export const FREE_SLOT_HORIZON_DAYS = 21;

/**
 * The next free starts of a practitioner from `fromDate` (or today, if later): within the working
 * hours, on the clinic's slot grid, not in the past and not overlapping a live appointment
 * (`exceptId`, the appointment being moved, excepted). One query for the whole horizon.
 */
export async function nextFreeSlots(
  t: TenantScope,
  schedule: ClinicSchedule,
  request: {
    practitionerMembershipId: string;
    durationMinutes: number;
    fromDate?: string | null;
    count: number;
    exceptId?: string | null;
  },
  now: Date,
): Promise<{ date: string; startTime: string }[]> {
  const today = todayIn(schedule.timeZone, now);
  const first = request.fromDate && request.fromDate > today ? request.fromDate : today;
  const last = shiftDate(first, FREE_SLOT_HORIZON_DAYS - 1);
  const windowStart = zonedToUtc(first, '00:00', schedule.timeZone) ?? now;
  const windowEnd =
    zonedToUtc(shiftDate(last, 1), '00:00', schedule.timeZone) ??
    new Date(windowStart.getTime() + (FREE_SLOT_HORIZON_DAYS + 1) * 86_400_000);
  const busy = await t
    .from(appointments, { startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .where(
      and(
        eq(appointments.practitionerMembershipId, request.practitionerMembershipId),
        inArray(appointments.status, [...LIVE_STATUSES]),
        lt(appointments.startsAt, windowEnd),
        gt(appointments.endsAt, windowStart),
        request.exceptId ? ne(appointments.id, request.exceptId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt));

  const found: { date: string; startTime: string }[] = [];
  const step = schedule.slotMinutes;
  for (let date = first; date <= last && found.length < request.count; date = shiftDate(date, 1)) {
    for (const open of schedule.hours[isoWeekday(date) - 1] ?? []) {
      for (let m = open.start; m + request.durationMinutes <= open.end; m += step) {
        if (found.length >= request.count) break;
        const startsAt = zonedToUtc(date, timeOf(m), schedule.timeZone);
        if (!startsAt || startsAt.getTime() < now.getTime()) continue;
        const endsAt = startsAt.getTime() + request.durationMinutes * 60_000;
        const clash = busy.some(
          (b) => b.startsAt.getTime() < endsAt && b.endsAt.getTime() > startsAt.getTime(),
        );
        if (!clash) found.push({ date, startTime: timeOf(m) });
      }
    }
  }
  return found;
}
