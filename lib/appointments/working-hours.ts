/**
 * The clinic's `working_hours` setting: text such as "Mon-Fri 08:00-18:00; Sat 09:00-13:00", read
 * into opening intervals per weekday. Pure, with no server imports: the settings schema, the
 * booking rules on the server, the booking form and the calendar all read it the same way.
 *
 * Grammar (case-insensitive, spaces around separators allowed):
 *   hours  := rule (";" rule)*
 *   rule   := days " " ranges
 *   days   := day ("-" day)? ("," day ("-" day)?)*      e.g. "Mon-Fri", "Mon,Wed,Fri", "Sat"
 *   ranges := HH:mm "-" HH:mm ("," HH:mm "-" HH:mm)*    e.g. "08:00-12:00, 13:00-18:00"
 * "24:00" may end a range (open until midnight). Days not named are closed.
 */

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Minutes since local midnight, `[start, end)`. */
export interface OpenInterval {
  start: number;
  end: number;
}

/** Index 0 = Monday … 6 = Sunday (ISO weekday − 1); each day's intervals sorted and merged. */
export type WeeklyHours = readonly (readonly OpenInterval[])[];

export type ParseResult = { ok: true; hours: WeeklyHours } | { ok: false; error: string };

export const WORKING_HOURS_EXAMPLE = 'Mon-Fri 08:00-18:00; Sat 09:00-13:00';

const TIME = /^(\d{1,2}):(\d{2})$/;

function dayIndex(name: string): number {
  return WEEKDAYS.findIndex((d) => d.toLowerCase() === name.trim().toLowerCase());
}

function parseDays(text: string): number[] | string {
  const days: number[] = [];
  for (const part of text.split(',')) {
    const [from, to, extra] = part.split('-');
    const a = dayIndex(from ?? '');
    const b = to === undefined ? a : dayIndex(to);
    if (extra !== undefined || a < 0 || b < 0) {
      return `"${part.trim()}" is not a day or a range of days (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`;
    }
    if (b < a) return `"${part.trim()}" runs backwards; write the earlier day first`;
    for (let d = a; d <= b; d += 1) days.push(d);
  }
  return days;
}

function parseTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  if (mi > 59 || h > 24 || (h === 24 && mi > 0)) return null;
  return h * 60 + mi;
}

function parseRanges(text: string): OpenInterval[] | string {
  const intervals: OpenInterval[] = [];
  for (const part of text.split(',')) {
    const [from, to, extra] = part.split('-');
    const start = parseTime(from ?? '');
    const end = to === undefined ? null : parseTime(to);
    if (extra !== undefined || start === null || end === null) {
      return `"${part.trim()}" is not a time range such as 08:00-18:00`;
    }
    if (end <= start) return `"${part.trim()}" ends before it starts`;
    intervals.push({ start, end });
  }
  return intervals;
}

function merge(intervals: OpenInterval[]): OpenInterval[] {
  const sorted = [...intervals].sort((x, y) => x.start - y.start);
  const merged: OpenInterval[] = [];
  for (const i of sorted) {
    const last = merged.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** Reads the setting's text; the error names the part that is wrong. */
export function parseWorkingHours(text: string): ParseResult {
  const week: OpenInterval[][] = WEEKDAYS.map(() => []);
  const rules = text
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
  if (rules.length === 0)
    return { ok: false, error: `Enter the hours, e.g. ${WORKING_HOURS_EXAMPLE}` };
  for (const rule of rules) {
    const m = /^(\S+)\s+(.+)$/.exec(rule.replace(/\s*([-,])\s*/g, '$1'));
    if (!m) return { ok: false, error: `"${rule}" needs days and hours, e.g. Mon-Fri 08:00-18:00` };
    const days = parseDays(m[1]!);
    if (typeof days === 'string') return { ok: false, error: days };
    const ranges = parseRanges(m[2]!);
    if (typeof ranges === 'string') return { ok: false, error: ranges };
    for (const d of days) week[d]!.push(...ranges);
  }
  return { ok: true, hours: week.map(merge) };
}

/** The parsed hours, or none at all for text that does not parse (the setting is validated on write). */
export function workingHoursOrClosed(text: string): WeeklyHours {
  const parsed = parseWorkingHours(text);
  return parsed.ok ? parsed.hours : WEEKDAYS.map(() => []);
}

/**
 * Whether `[start, start + minutes)` on a day of ISO weekday `isoWeekday` (1 = Monday) lies inside
 * one opening interval. `start` is in minutes since local midnight; past midnight is closed.
 */
export function isWithinHours(
  hours: WeeklyHours,
  isoWeekday: number,
  start: number,
  minutes: number,
): boolean {
  const end = start + minutes;
  return (hours[isoWeekday - 1] ?? []).some((i) => start >= i.start && end <= i.end);
}

/** "HH:mm" → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes since midnight → "HH:mm". */
export function timeOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
