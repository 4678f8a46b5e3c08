/**
 * The rows of each CSV export, as a read that db/tenant-stream.ts streams: through a server-side
 * cursor in one tenant transaction on Postgres, in keyset batches on PGlite (so every read is in
 * a unique key order, and can continue after any row).
 */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { appointments, clinicMemberships, inC, patients, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { KeysetRead } from '@/db/tenant-stream';
import { STATUS_LABELS } from '@/lib/appointments/schemas';
import { localDaysRange } from '@/lib/appointments/time';
import { zonedClock } from '@/lib/dates/format';
import { listFilter } from '@/lib/data/patient-list';
import { SEX_LABELS } from '@/lib/patients/constants';
import type { PatientSort } from '@/lib/patients/list-params';
import {
  afterCursor,
  cursorColumns,
  cursorOf,
  dateKey,
  keysetOrder,
  textKey,
  timestampKey,
  uuidKey,
  type KeyPart,
  type Keyset,
} from './keyset';
import type { AppointmentsCsvParams, PatientsCsvParams } from './params';
import { appointmentPatient, appointmentPractitioner } from '@/lib/appointments/joins';

export type CsvRow = Record<string, string | null>;

/** A CSV export's columns and rows, independent of where the bytes go. */
export interface CsvSource<Raw> {
  header: readonly string[];
  /** How many rows there will be (for progress), read before the first batch. */
  count(t: TenantScope): Promise<number>;
  /** The rows as the database answers them, in the export's (unique) order. */
  read: KeysetRead<Raw>;
  /** One row as the CSV shows it. */
  toCsv(raw: Raw): CsvRow;
}

/** The condition "after this row" of a keyset read (none for the first row). */
function after(keyset: Keyset, row: Record<string, unknown> | null): SQL | undefined {
  return afterCursor(keyset, row && cursorOf(keyset, row));
}

// ---------------------------------------------------------------------------------------------
// Patients: the list's filter (lib/data/patient-list.ts listFilter) and the list's order.

const byPatientId = uuidKey(sql`${patients.id}`);
const familyKey = textKey(inC(patients.familyNameKey));
const givenKey = textKey(inC(patients.givenNameKey));

/** The list's sort orders (lib/data/patient-list.ts SORT_KEYS), each backed by the same index. */
const PATIENT_KEYS: Record<PatientSort, KeyPart[]> = {
  family: [familyKey, givenKey, byPatientId],
  given: [givenKey, familyKey, byPatientId],
  mrn: [textKey(inC(patients.mrnKey)), byPatientId],
  dob: [dateKey(sql`${patients.dateOfBirth}`), byPatientId],
  created: [timestampKey(sql`${patients.createdAt}`), byPatientId],
};

export const PATIENT_CSV_HEADER = [
  'MRN',
  'Family name',
  'Given name',
  'Date of birth',
  'Sex',
  'Phone',
  'Email',
  'Address',
  'City',
  'Postal code',
  'Registered',
] as const;

export function patientsCsvSource(params: PatientsCsvParams, timeZone: string) {
  const where: SQL | undefined = listFilter(params);
  const clock = zonedClock(timeZone);
  const keyset: Keyset = { parts: PATIENT_KEYS[params.sort], dir: params.dir };
  const read = (t: TenantScope, last: Record<string, unknown> | null) =>
    t
      .from(patients, {
        mrn: patients.mrn,
        familyName: patients.familyName,
        givenName: patients.givenName,
        dateOfBirth: patients.dateOfBirth,
        sex: patients.sex,
        phone: patients.phone,
        email: patients.email,
        addressLine: patients.addressLine,
        city: patients.city,
        postalCode: patients.postalCode,
        createdAt: patients.createdAt,
        ...cursorColumns(keyset),
      })
      .where(and(where, after(keyset, last)))
      .orderBy(...keysetOrder(keyset));
  type Raw = Awaited<ReturnType<typeof read>>[number];
  return {
    header: PATIENT_CSV_HEADER,
    count: (t) => t.count(patients, where),
    read,
    toCsv: (r) => ({
      MRN: r.mrn,
      'Family name': r.familyName,
      'Given name': r.givenName,
      'Date of birth': r.dateOfBirth,
      Sex: SEX_LABELS[r.sex],
      Phone: r.phone,
      Email: r.email,
      Address: r.addressLine,
      City: r.city,
      'Postal code': r.postalCode,
      Registered: clock(r.createdAt).iso,
    }),
  } satisfies CsvSource<Raw>;
}

// ---------------------------------------------------------------------------------------------
// Appointments: clinic-local days `from`–`to` (inclusive), optionally one status, in time order.

export const APPOINTMENT_CSV_HEADER = [
  'Date',
  'Start',
  'End',
  'Time zone',
  'Family name',
  'Given name',
  'MRN',
  'Practitioner',
  'Status',
  'Reason',
] as const;

export function appointmentsCsvSource(params: AppointmentsCsvParams, timeZone: string) {
  const { start, end } = localDaysRange(params.from, params.to, timeZone);
  const clock = zonedClock(timeZone);
  const where = and(
    gte(appointments.startsAt, start),
    lt(appointments.startsAt, end),
    params.status ? eq(appointments.status, params.status) : undefined,
  );
  const keyset: Keyset = {
    parts: [timestampKey(sql`${appointments.startsAt}`), uuidKey(sql`${appointments.id}`)],
    dir: 'asc',
  };
  const read = (t: TenantScope, last: Record<string, unknown> | null) =>
    t
      .from(appointments, {
        startsAt: appointments.startsAt,
        endsAt: appointments.endsAt,
        status: appointments.status,
        reason: appointments.reason,
        familyName: patients.familyName,
        givenName: patients.givenName,
        mrn: patients.mrn,
        practitioner: users.name,
        ...cursorColumns(keyset),
      })
      .leftJoin(patients, appointmentPatient)
      .leftJoin(clinicMemberships, appointmentPractitioner)
      .leftJoin(users, eq(users.id, clinicMemberships.userId))
      .where(and(where, after(keyset, last)))
      .orderBy(...keysetOrder(keyset));
  type Raw = Awaited<ReturnType<typeof read>>[number];
  return {
    header: APPOINTMENT_CSV_HEADER,
    count: (t) => t.count(appointments, where),
    read,
    toCsv: (r) => {
      const start = clock(r.startsAt);
      return {
        Date: start.date,
        Start: start.time,
        End: clock(r.endsAt).time,
        'Time zone': timeZone,
        'Family name': r.familyName,
        'Given name': r.givenName,
        MRN: r.mrn,
        Practitioner: r.practitioner ?? 'Former staff member',
        Status: STATUS_LABELS[r.status],
        Reason: r.reason,
      };
    },
  } satisfies CsvSource<Raw>;
}
