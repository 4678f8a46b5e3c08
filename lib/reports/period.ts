/** Report periods (`YYYY-MM`): pure helpers, no server imports. */
import { startOfLocalDay } from '@/lib/appointments/time';

export const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parts(period: string): [number, number] {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a YYYY-MM period: ${period}`);
  return [Number(m[1]), Number(m[2])];
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month after `period`. */
export function nextPeriod(period: string): string {
  const [y, m] = parts(period);
  return m === 12 ? format(y + 1, 1) : format(y, m + 1);
}

/** The calendar month before the one `now` falls in, in UTC (what the monthly cron reports on). */
export function previousPeriod(now: Date): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  return m === 1 ? format(y - 1, 12) : format(y, m - 1);
}

/** `[start, end)`: from local midnight of the 1st to local midnight of the next month's 1st. */
export function periodRange(period: string, timeZone: string): { start: Date; end: Date } {
  parts(period);
  return {
    start: startOfLocalDay(`${period}-01`, timeZone),
    end: startOfLocalDay(`${nextPeriod(period)}-01`, timeZone),
  };
}
