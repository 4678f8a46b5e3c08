/**
 * The rows of each CSV export, read in keyset batches (each batch its own short tenant
 * transaction, so memory and lock time stay flat however large the clinic is).
 */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { appointments, clinicMemberships, inC, patients, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
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

export interface CsvBatch {
  rows: CsvRow[];
  /** Where the next batch starts; null when this batch was the last. */
  cursor: string[] | null;
}

/** A CSV export's columns and rows, independent of where the bytes go. */
export interface CsvSource {
  header: readonly string[];
  /** How many rows there will be (for progress), read before the first batch. */
  count(t: TenantScope): Promise<number>;
  readBatch(t: TenantScope, cursor: string[] | null, limit: number): Promise<CsvBatch>;
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

export function patientsCsvSource(params: PatientsCsvParams, timeZone: string): CsvSource {
  const where: SQL | undefined = listFilter(params);
  const clock = zonedClock(timeZone);
  const keyset: Keyset = { parts: PATIENT_KEYS[params.sort], dir: params.dir };
  return {
    header: PATIENT_CSV_HEADER,
    count: (t) => t.count(patients, where),
    async readBatch(t, cursor, limit) {
      const rows = await t
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
        .where(and(where, afterCursor(keyset, cursor)))
        .orderBy(...keysetOrder(keyset))
        .limit(limit);
      const last = rows.at(-1);
      return {
        rows: rows.map((r) => {
          return {
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
          };
        }),
        cursor: last && rows.length === limit ? cursorOf(keyset, last) : null,
      };
    },
  };
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

export function appointmentsCsvSource(params: AppointmentsCsvParams, timeZone: string): CsvSource {
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
  return {
    header: APPOINTMENT_CSV_HEADER,
    count: (t) => t.count(appointments, where),
    async readBatch(t, cursor, limit) {
      const rows = await t
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
        .where(and(where, afterCursor(keyset, cursor)))
        .orderBy(...keysetOrder(keyset))
        .limit(limit);
      const last = rows.at(-1);
      return {
        rows: rows.map((r) => {
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
        }),
        cursor: last && rows.length === limit ? cursorOf(keyset, last) : null,
      };
    },
  };
}
