/**
 * Every date and time the product shows, formatted one way, in the clinic's timezone and with the
 * clinic's `time_format` setting. Pure functions with no server imports, so a server page, a client
 * form, the PDF and the CSV all say the same thing.
 *
 * - Calendar dates (`YYYY-MM-DD`: a date of birth, a list day, a range bound) have no timezone and
 *   are formatted as such.
 * - Instants (`Date`) are first placed in the clinic's timezone, never the server's or browser's.
 * - Labels are English with fixed patterns ("Wed 1 Jan 2025", "14:30" or "2:30 PM"), so a page
 *   rendered on the server hydrates identically in the browser.
 * - CSV cells stay machine-friendly and in clinic time (`zonedClock`): an instant is ISO 8601 with
 *   the UTC offset (`2026-10-25T01:30:00+01:00`: it sorts, and stays unambiguous in the hour that
 *   repeats when clocks go back); the appointments export keeps separate `YYYY-MM-DD` and 24-hour
 *   `HH:mm` columns beside a "Time zone" column, which is how a day sheet is filtered. The clinic's
 *   12/24-hour choice is for people, not for CSV.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { localDate } from '@/lib/appointments/time';

export type TimeFormat = '24h' | '12h';

/** How a clinic shows time: its IANA timezone and its `time_format` setting. */
export interface ClinicClock {
  timeZone: string;
  timeFormat: TimeFormat;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const TIME_PATTERN: Record<TimeFormat, string> = { '24h': 'HH:mm', '12h': 'h:mm a' };
const TIME_PATTERN_SECONDS: Record<TimeFormat, string> = { '24h': 'HH:mm:ss', '12h': 'h:mm:ss a' };

/** A calendar date as a Date that formats to that date whatever the runtime's own zone. */
function calendarDay(date: string): TZDate {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 'UTC');
}

const yearOf = (date: string) => date.slice(0, 4);

export interface DayOptions {
  /** "Wed" before the day (default true). */
  weekday?: boolean;
  /** Show the year (default true). */
  year?: boolean;
  /** "Wednesday 1 January 2025" rather than "Wed 1 Jan 2025". */
  long?: boolean;
  /**
   * The clinic's date today, for list rows: the year shows only when it is another year's date
   * ("Wed 1 Jan" this year, "Wed 1 Jan 2025" otherwise). Overrides `year`.
   */
  today?: string;
}

/** A calendar date: "Wed 1 Jan 2025" (or without weekday / year, or spelled out). */
export function formatDay(date: string, options: DayOptions = {}): string {
  const { weekday = true, long = false, today } = options;
  const year = today === undefined ? (options.year ?? true) : yearOf(date) !== yearOf(today);
  const pattern = [weekday && (long ? 'EEEE' : 'EEE'), 'd', long ? 'MMMM' : 'MMM', year && 'yyyy']
    .filter(Boolean)
    .join(' ');
  return format(calendarDay(date), pattern);
}

/**
 * A heading for the days `from` to `to` (inclusive): one day alone, the year once when both ends
 * share it ("Mon 5 Jan – Fri 9 Jan 2026"), and both years when they differ.
 */
export function formatDayRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  const sameYear = yearOf(from) === yearOf(to);
  return `${formatDay(from, { year: !sameYear })} – ${formatDay(to)}`;
}

/** A wall-clock time carried as `HH:mm` (24-hour), shown in the clinic's format. */
export function formatWallTime(time: string, timeFormat: TimeFormat): string {
  const m = HH_MM.exec(time);
  if (!m) throw new RangeError(`not an HH:mm time: ${time}`);
  return format(
    new TZDate(2000, 0, 1, Number(m[1]), Number(m[2]), 'UTC'),
    TIME_PATTERN[timeFormat],
  );
}

/** Two wall-clock times as a span: "09:00–09:30" or "9:00 AM – 9:30 AM". */
export function formatWallTimeRange(start: string, end: string, timeFormat: TimeFormat): string {
  const separator = timeFormat === '12h' ? ' – ' : '–';
  return `${formatWallTime(start, timeFormat)}${separator}${formatWallTime(end, timeFormat)}`;
}

/** An instant as a date in the clinic's timezone: "1 Jan 2025" (no weekday unless asked). */
export function formatInstantDate(
  instant: Date | string,
  clock: Pick<ClinicClock, 'timeZone'>,
  options: DayOptions = {},
): string {
  return formatDay(localDate(new Date(instant), clock.timeZone), { weekday: false, ...options });
}

export interface InstantOptions {
  /** "14:05:09": for records where the second matters (the audit log). */
  seconds?: boolean;
  /** The clinic's date today: list rows show the year only for another year (see DayOptions). */
  today?: string;
}

/** An instant as a time in the clinic's timezone and format: "14:30" or "2:30 PM". */
export function formatInstantTime(
  instant: Date | string,
  clock: ClinicClock,
  options: InstantOptions = {},
): string {
  const pattern = (options.seconds ? TIME_PATTERN_SECONDS : TIME_PATTERN)[clock.timeFormat];
  return format(new TZDate(new Date(instant).getTime(), clock.timeZone), pattern);
}

/** An instant as date and time in the clinic's timezone: "1 Jan 2025, 14:30". */
export function formatInstant(
  instant: Date | string,
  clock: ClinicClock,
  options: InstantOptions = {},
): string {
  const date = formatInstantDate(instant, clock, { today: options.today });
  return `${date}, ${formatInstantTime(instant, clock, options)}`;
}

/**
 * An instant in UTC, saying so: "4 Oct 2026, 03:00 UTC". For pages with no clinic (the control
 * plane, the account's sessions), which work in UTC like the nightly schedule.
 */
export function formatUtc(instant: Date | string): string {
  return `${formatInstant(instant, { timeZone: 'UTC', timeFormat: '24h' })} UTC`;
}

export interface ZonedParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm`, 24-hour */
  time: string;
  /** ISO 8601 in the zone with its offset: `2026-10-25T01:30:00+01:00`. */
  iso: string;
}

/**
 * A fast formatter for CSV exports: one cached Intl formatter per export, about ten times faster
 * than date-fns' TZDate per call, which matters at hundreds of thousands of rows.
 */
export function zonedClock(timeZone: string): (instant: Date) => ZonedParts {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (instant) => {
    const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
    for (const part of parts.formatToParts(instant)) p[part.type] = part.value;
    const date = `${p.year}-${p.month}-${p.day}`;
    const time = `${p.hour}:${p.minute}`;
    const wall = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
    const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
    return { date, time, iso: `${date}T${time}:${p.second}${formatOffset(offsetMinutes)}` };
  };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
