import { format, parseISO } from 'date-fns';

/** A calendar date (`YYYY-MM-DD`) as "12 Apr 1980": no timezone applies to a date of birth. */
export function formatDateOfBirth(date: string): string {
  return format(parseISO(date), 'd MMM yyyy');
}
