import { format, isValid, parse } from 'date-fns';
import { EARLIEST_DATE_OF_BIRTH } from './schema';

/**
 * The typed forms of a date of birth that search accepts: only unambiguous ones, so "02/03/2001"
 * (3 February or 2 March?) is never guessed. The year always has four digits:
 * - ISO order: 2001-02-03, 2001/02/03, 2001.2.3;
 * - day, month name, year: 3 Feb 2001, 3 February 2001, 03-Feb-2001;
 * - month name, day, year: Feb 3 2001, February 3, 2001.
 * English month names, full or three-letter, any case.
 */
const FORMATS = [
  'yyyy-M-d',
  'yyyy/M/d',
  'yyyy.M.d',
  'd MMM yyyy',
  'd MMMM yyyy',
  'MMM d yyyy',
  'MMMM d yyyy',
];

/** Year first with separators, or a month name with a day and a year: nothing else reaches parse. */
const SHAPES = [
  /^\d{4}([-/.])\d{1,2}\1\d{1,2}$/,
  /^\d{1,2} [a-z]{3,9} \d{4}$/i,
  /^[a-z]{3,9} \d{1,2} \d{4}$/i,
];

/** The `YYYY-MM-DD` date a typed date of birth names, or null when it is none (or ambiguous). */
export function parseBirthDate(typed: string): string | null {
  // "03-Feb-2001" and "February 3, 2001" become "03 Feb 2001" and "February 3 2001".
  const text = /[a-z]/i.test(typed)
    ? typed
        .trim()
        .replace(/,/g, ' ')
        .replace(/[\s-]+/g, ' ')
    : typed.trim();
  if (!SHAPES.some((shape) => shape.test(text))) return null;
  const reference = new Date(2000, 0, 1);
  for (const pattern of FORMATS) {
    const date = parse(text, pattern, reference);
    if (!isValid(date)) continue;
    const iso = format(date, 'yyyy-MM-dd');
    // Nobody on record was born earlier (the form refuses such dates): no need to look.
    return iso >= EARLIEST_DATE_OF_BIRTH ? iso : null;
  }
  return null;
}
