/**
 * Wall-clock dates and times in a clinic's timezone. Appointments are entered and shown in the
 * clinic's local time and stored as UTC instants (timestamptz). Pure functions with no server
 * imports, so forms and pages format exactly as the server converts.
 *
 * Dates travel as `YYYY-MM-DD` strings and times as `HH:mm`: a bare calendar date has no
 * timezone, and a JS Date would silently take the browser's.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date in `YYYY-MM-DD` form (no 2026-02-30), between years 1900 and 2200. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function dateParts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function timeParts(time: string): [number, number] {
  const m = HH_MM.exec(time);
  if (!m) throw new RangeError(`not an HH:mm time: ${time}`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The UTC instant at which it is `time` on `date` in `timeZone`, or null when that wall-clock time
 * does not exist there (the hour skipped when clocks go forward). In the repeated hour when clocks
 * go back, the earlier of the two instants is chosen.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date | null {
  const [y, mo, d] = dateParts(date);
  const [h, mi] = timeParts(time);
  const local = new TZDate(y, mo - 1, d, h, mi, timeZone);
  if (
    local.getFullYear() !== y ||
    local.getMonth() !== mo - 1 ||
    local.getDate() !== d ||
    local.getHours() !== h ||
    local.getMinutes() !== mi
  ) {
    return null;
  }
  return new Date(local.getTime());
}

/** Local midnight starting `date` in `timeZone` (if midnight is skipped, the first instant after). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, mo, d] = dateParts(date);
  return new Date(new TZDate(y, mo - 1, d, 0, 0, timeZone).getTime());
}

/** `[start, end)` covering the local days `from` through `to` (inclusive) in `timeZone`. */
export function localDaysRange(
  from: string,
  to: string,
  timeZone: string,
): { start: Date; end: Date } {
  return {
    start: startOfLocalDay(from, timeZone),
    end: startOfLocalDay(shiftDate(to, 1), timeZone),
  };
}

/** The calendar date `days` after (or before) `date`. */
export function shiftDate(date: string, days: number): string {
  const [y, mo, d] = dateParts(date);
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = dateParts(from);
  const [y2, m2, d2] = dateParts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** 1 = Monday … 7 = Sunday (ISO weekday) of a calendar date. */
export function isoWeekday(date: string): number {
  const [y, mo, d] = dateParts(date);
  const day = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The calendar date in `timeZone` at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), 'yyyy-MM-dd');
}

/** The wall-clock time (24-hour `HH:mm`) in `timeZone` at `instant`. */
export function localTime(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), 'HH:mm');
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDate(now, timeZone);
}
