import { timeOf } from '@/lib/appointments/working-hours';
import { appointments, type APPOINTMENT_STATUSES } from '../schema';
import type { TenantInsert } from '../tenant';
import type { SeededRandom } from './random';
import { addDays, localDateOf, weekday, zonedInstant } from './time';

type Status = (typeof APPOINTMENT_STATUSES)[number];
export type NewAppointment = TenantInsert<typeof appointments>;

/** Opening hours in minutes after local midnight. */
export interface DayHours {
  open: number;
  close: number;
  lunch?: { start: number; end: number };
}

/** `weekend: null` means closed on Saturdays and Sundays. */
export interface WorkingHours {
  weekday: DayHours;
  weekend: DayHours | null;
}

export interface ScheduleOptions {
  timeZone: string;
  hours: WorkingHours;
  practitionerMembershipIds: readonly string[];
  patientIds: readonly string[];
  reasons: readonly string[];
  now: Date;
  daysBack: number;
  daysAhead: number;
  /** Share of 15-minute slots that start an appointment. */
  occupancy: number;
}

const SLOT_MINUTES = 15;

function dayRanges(day: DayHours): string {
  const { open, close, lunch } = day;
  return lunch
    ? `${timeOf(open)}-${timeOf(lunch.start)}, ${timeOf(lunch.end)}-${timeOf(close)}`
    : `${timeOf(open)}-${timeOf(close)}`;
}

/** The `working_hours` setting text (lib/appointments/working-hours.ts) for these hours. */
export function workingHoursSetting(hours: WorkingHours): string {
  const weekdays = `Mon-Fri ${dayRanges(hours.weekday)}`;
  return hours.weekend ? `${weekdays}; Sat-Sun ${dayRanges(hours.weekend)}` : weekdays;
}

function statusFor(rng: SeededRandom, startsAt: Date, endsAt: Date, now: Date): Status {
  if (endsAt <= now) {
    return rng.weighted<Status>([
      ['completed', 86],
      ['no_show', 6],
      ['cancelled', 8],
    ]);
  }
  // Under way or ahead: only an advance cancellation has happened yet.
  if (startsAt <= now) return 'scheduled';
  return rng.weighted<Status>([
    ['scheduled', 93],
    ['cancelled', 7],
  ]);
}

/**
 * A schedule from `daysBack` days ago to `daysAhead` days ahead, in the clinic's local working
 * hours. Each practitioner's day is walked slot by slot, so their appointments never overlap,
 * and every appointment starts on a 15-minute boundary and lasts 15 or 30 minutes.
 */
export function generateAppointments(rng: SeededRandom, o: ScheduleOptions): NewAppointment[] {
  const today = localDateOf(o.now, o.timeZone);
  const out: NewAppointment[] = [];
  for (let offset = -o.daysBack; offset <= o.daysAhead; offset++) {
    const date = addDays(today, offset);
    const isWeekend = weekday(date) === 0 || weekday(date) === 6;
    const day = isWeekend ? o.hours.weekend : o.hours.weekday;
    if (!day) continue;
    const lunch = day.lunch;
    for (const practitionerMembershipId of o.practitionerMembershipIds) {
      let minute = day.open;
      while (minute + SLOT_MINUTES <= day.close) {
        if (lunch && minute >= lunch.start && minute < lunch.end) {
          minute = lunch.end;
          continue;
        }
        if (!rng.chance(o.occupancy)) {
          minute += SLOT_MINUTES;
          continue;
        }
        const limit = lunch && minute < lunch.start ? lunch.start : day.close;
        const length = rng.chance(0.4) && minute + 30 <= limit ? 30 : SLOT_MINUTES;
        const startsAt = zonedInstant(date, minute, o.timeZone);
        const endsAt = zonedInstant(date, minute + length, o.timeZone);
        out.push({
          patientId: rng.pick(o.patientIds),
          practitionerMembershipId,
          startsAt,
          endsAt,
          status: statusFor(rng, startsAt, endsAt, o.now),
          reason: rng.pick(o.reasons),
        });
        minute += length;
      }
    }
  }
  return out;
}
