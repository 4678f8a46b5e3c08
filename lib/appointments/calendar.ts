/**
 * The calendar's URL state and its wall-clock arithmetic. Pure, with no server imports: the
 * server page and the client calendar read the URL and convert times the same way.
 *
 * react-big-calendar works with JS Dates in the browser's timezone, while the schedule lives in
 * the clinic's. The calendar therefore gets "floating" dates: a Date whose browser-local fields
 * are the clinic's wall-clock date and time. Nothing converts between zones in the browser; the
 * server turns wall-clock date and time into instants (lib/appointments/time.ts), as for the form.
 */
import { createLoader, createSerializer, parseAsStringLiteral } from 'nuqs/server';
import { format } from 'date-fns';
import { parseAsCalendarDate } from './search-params';
import { isoWeekday, shiftDate } from './time';
import { isWithinHours, type WeeklyHours } from './working-hours';

export const CALENDAR_VIEWS = ['day', 'week'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const calendarSearchParams = {
  date: parseAsCalendarDate,
  view: parseAsStringLiteral(CALENDAR_VIEWS),
};
export const loadCalendarSearchParams = createLoader(calendarSearchParams);
export const serializeCalendarSearchParams = createSerializer(calendarSearchParams);

/** The clinic-local days a view shows: the day, or its Monday-to-Sunday week. */
export function calendarRange(date: string, view: CalendarView): { from: string; to: string } {
  if (view === 'day') return { from: date, to: date };
  const monday = shiftDate(date, 1 - isoWeekday(date));
  return { from: monday, to: shiftDate(monday, 6) };
}

/** A floating Date showing `date` at `time` (HH:mm). */
export function floating(date: string, time = '00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y!, mo! - 1, d!, h, mi);
}

/** The wall-clock date and time a floating Date shows. */
export function wallClock(value: Date): { date: string; time: string } {
  return { date: format(value, 'yyyy-MM-dd'), time: format(value, 'HH:mm') };
}

/** Whole minutes between two floating Dates (by their wall-clock fields). */
export function minutesBetween(start: Date, end: Date): number {
  const minutesOfDay = (d: Date) => d.getHours() * 60 + d.getMinutes();
  const days = Math.round(
    (Date.UTC(end.getFullYear(), end.getMonth(), end.getDate()) -
      Date.UTC(start.getFullYear(), start.getMonth(), start.getDate())) /
      86_400_000,
  );
  return days * 1440 + minutesOfDay(end) - minutesOfDay(start);
}

/** Whether the slot starting at a floating Date, `minutes` long, lies outside the working hours. */
export function isClosedSlot(hours: WeeklyHours, slotStart: Date, minutes: number): boolean {
  const { date } = wallClock(slotStart);
  const start = slotStart.getHours() * 60 + slotStart.getMinutes();
  return !isWithinHours(hours, isoWeekday(date), start, minutes);
}

/**
 * The hours the time grid shows: one hour either side of the week's opening hours, widened to
 * every appointment shown (one booked outside the hours must stay visible). 07:00-19:00 when the
 * clinic is closed all week.
 */
export function visibleHours(
  hours: WeeklyHours,
  events: readonly { localStart: string; localEnd: string }[],
): { min: number; max: number } {
  const open = hours.flat();
  let min = open.length ? Math.min(...open.map((i) => i.start)) - 60 : 7 * 60;
  let max = open.length ? Math.max(...open.map((i) => i.end)) + 60 : 19 * 60;
  for (const e of events) {
    const [sh, sm] = e.localStart.split(':').map(Number);
    const [eh, em] = e.localEnd.split(':').map(Number);
    const start = sh! * 60 + sm!;
    const end = eh! * 60 + em!;
    min = Math.min(min, start);
    max = Math.max(max, end <= start ? 1440 : end);
  }
  const hour = (m: number) => Math.floor(m / 60) * 60;
  // 23:59 at most: the grid ends within the day.
  return { min: Math.max(0, hour(min)), max: Math.min(1439, Math.ceil(max / 60) * 60) };
}
