/**
 * Field hints for the schema-derived inputs: values that pass the refinements a derivation cannot
 * invert (real dates, wall-clock times, known timezones, setting values), and ids drawn from the
 * world's pools by the kind of row a field names. Keyed by property name, for every schema.
 */
import fc from 'fast-check';
import { DURATIONS } from '@/lib/appointments/schemas';
import { SETTING_SCHEMAS } from '@/lib/settings/catalog';
import { SETTING_KEYS } from '@/lib/settings/input';
import { arbitraryFor, type FieldHints } from './zod-arbitrary';
import type { FuzzWorld } from './world';

const isoDate = (from: string, to: string) =>
  fc
    .date({ min: new Date(from), max: new Date(to), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const two = (n: number) => String(n).padStart(2, '0');

const TIMEZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Kiritimati',
  'Asia/Kolkata',
];

/** Where to go after signing in: own paths, other sites, and what browsers read as other sites. */
export const CALLBACK_URLS = [
  '/',
  '/patients',
  'http://localhost/patients',
  'http://evil.example/',
  '//evil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '/\\evil.example',
  'http://[',
  'http:',
  'javascript:alert(1)',
  'data:text/html,x',
];

const ID_FIELDS = [
  'id',
  'patientId',
  'appointmentId',
  'practitionerMembershipId',
  'membershipId',
  'clinicId',
  'userId',
];

export function fieldHints(w: FuzzWorld): FieldHints {
  const pastDate = isoDate('1900-01-01', '2025-12-31');
  const bookingDate = isoDate('2026-01-01', '2035-12-31');
  const timezone = fc.constantFrom(...TIMEZONES);
  // Existing accounts (duplicates, staff as a portal login) and new ones.
  const email = fc.oneof(
    fc.constantFrom(...w.emails),
    fc.nat({ max: 999 }).map((n) => `new.person${n}@fuzz.test`),
  );
  return {
    ...Object.fromEntries(ID_FIELDS.map((key) => [key, w.idFor(key)])),
    dateOfBirth: pastDate,
    dobFrom: pastDate,
    dobTo: pastDate,
    // Any day, or one where clinic A's clocks change (world.ts: America/New_York).
    date: fc.oneof(bookingDate, fc.constantFrom('2030-03-10', '2030-11-03')),
    from: bookingDate,
    to: bookingDate,
    startTime: fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${two(h)}:${two(m)}`),
      // The hour skipped in spring and the one repeated in autumn, and the edges of the day.
      fc.constantFrom('01:30', '02:00', '02:30', '23:45', '00:00'),
    ),
    durationMinutes: fc.constantFrom<unknown>(...DURATIONS, String(DURATIONS[1])),
    timezone,
    email,
    portalEmail: fc.oneof(fc.constantFrom(null, ''), email),
    phone: fc.stringMatching(/^\+?[0-9]{3,12}$/),
    key: fc.constantFrom(...SETTING_KEYS),
    password: fc.string({ minLength: 12, maxLength: 40 }),
    callbackUrl: fc.constantFrom(...CALLBACK_URLS),
    value: fc.oneof(timezone, ...Object.values(SETTING_SCHEMAS).map((s) => arbitraryFor(s))),
  };
}
