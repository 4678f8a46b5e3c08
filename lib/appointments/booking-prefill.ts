/**
 * The booking form's prefill in the URL (`/appointments/new?patientId=&practitionerId=&date=&start=&duration=`):
 * written by the calendar's free slots, the patient record and "Book again", read by the page.
 * Bad values parse to null and are ignored.
 */
import { createLoader, createSerializer, parseAsInteger, parseAsString } from 'nuqs/server';
import { DURATION_MAX, DURATION_MIN } from './schemas';
import { parseAsCalendarDate } from './search-params';
import { HH_MM } from './time';

export const bookingPrefillParams = {
  patientId: parseAsString,
  practitionerId: parseAsString,
  date: parseAsCalendarDate,
  start: parseAsString,
  duration: parseAsInteger,
};

export const loadBookingPrefill = createLoader(bookingPrefillParams);
const serialize = createSerializer(bookingPrefillParams);

export function bookingHref(prefill: {
  patientId?: string | null;
  practitionerId?: string | null;
  date?: string | null;
  start?: string | null;
  duration?: number | null;
}): string {
  return `/appointments/new${serialize(prefill)}`;
}

/** The start time and length if well-formed, else null (the form then uses its defaults). */
export function validPrefillTime(start: string | null): string | null {
  return start && HH_MM.test(start) ? start : null;
}

export function validPrefillDuration(duration: number | null): number | null {
  return duration !== null &&
    duration >= DURATION_MIN &&
    duration <= DURATION_MAX &&
    duration % 5 === 0
    ? duration
    : null;
}
