/**
 * The appointment list's URL state (nuqs): shared by the server page (which reads it) and the
 * filter form (which writes it), so both parse the same way. Bad values parse to null and fall
 * back to the defaults; they never reach a query.
 */
import { createLoader, createParser, createSerializer, parseAsStringLiteral } from 'nuqs/server';
import { cursorSearchParams } from '@/lib/pagination/cursor';
import { APPOINTMENT_STATUSES } from './schemas';
import { isIsoDate } from './time';

/** A calendar date kept as `YYYY-MM-DD` text (a Date would pick up the browser's timezone). */
export const parseAsCalendarDate = createParser<string>({
  parse: (value) => (isIsoDate(value) ? value : null),
  serialize: (value) => value,
});

export const appointmentSearchParams = {
  from: parseAsCalendarDate,
  to: parseAsCalendarDate,
  status: parseAsStringLiteral(APPOINTMENT_STATUSES),
  ...cursorSearchParams,
};

export const loadAppointmentSearchParams = createLoader(appointmentSearchParams);
export const serializeAppointmentSearchParams = createSerializer(appointmentSearchParams);
