/**
 * The rows of each CSV export, formatted by the database: every cell is SQL. db/tenant-stream.ts
 * runs the select as COPY on Postgres and in keyset batches on PGlite, and the same SQL makes the
 * same text on both. Every read is in a unique key order, so it can continue after any row.
 */
import { and, eq, gte, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { appointments, clinicMemberships, inC, patients, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { StreamedRead } from '@/db/tenant-stream';
import { appointmentPatient, appointmentPractitioner } from '@/lib/appointments/joins';
import { STATUS_LABELS } from '@/lib/appointments/schemas';
import { localDaysRange } from '@/lib/appointments/time';
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
import { FORMULA_FIRST_CHARACTERS } from './csv';
import type { AppointmentsCsvParams, PatientsCsvParams } from './params';

/** One row of a CSV export: its cells by column name (and, in keyset batches, its cursor). */
export type CsvRow = Record<string, string | null>;

/** A CSV export's columns and rows, independent of where the bytes go. */
export interface CsvSource {
  header: readonly string[];
  /** How many rows there will be (for progress), read before the first batch. */
  count(t: TenantScope): Promise<number>;
  /** The rows, every cell already as the file shows it. */
  read: StreamedRead<CsvRow>;
}

// ---------------------------------------------------------------------------------------------
// Cells. Timestamps show in the transaction's zone, which the stream sets to the clinic's.

/**
 * Free text as the file shows it. Text a spreadsheet would run as a formula gets a leading quote
 * (OWASP CSV injection, as neutraliseCell in csv.ts). An empty text is no value, as it
 * always was in these files: COPY would otherwise write "" to tell it from NULL.
 */
function textCell(value: SQLWrapper): SQL {
  const formulaFirst = sql.join(
    FORMULA_FIRST_CHARACTERS.map((c) => sql`${c}::text`),
    sql`, `,
  );
  return sql`case when left(${value}, 1) in (${formulaFirst})
    then chr(39) || ${value} else nullif(${value}, '') end`;
}

/** An enum value as its label. */
function labelCell(value: SQLWrapper, labels: Record<string, string>): SQL {
  const cases = Object.entries(labels).map(([key, label]) => sql`when ${key} then ${label}::text`);
  return sql`case ${value} ${sql.join(cases, sql` `)} end`;
}

const dateCell = (value: SQLWrapper): SQL => sql`to_char(${value}, 'YYYY-MM-DD')`;
const timeCell = (value: SQLWrapper): SQL => sql`to_char(${value}, 'HH24:MI')`;
/** ISO 8601 to the second, with the zone's offset at that instant: 2024-03-10T01:34:04-05:00. */
const instantCell = (value: SQLWrapper): SQL =>
  sql`to_char(${value}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;

/** An export's select: these fields, this condition, in this order. */
type Select = (
  t: TenantScope,
  fields: Record<string, SQL.Aliased>,
  where: SQL | undefined,
  order: SQL[],
) => { limit(count: number): PromiseLike<Record<string, unknown>[]> } & SQLWrapper;

/** A keyset read of `cells`, each selected under its column name. */
function csvRead(
  cells: Record<string, SQL>,
  keyset: Keyset,
  where: SQL | undefined,
  select: Select,
): StreamedRead<CsvRow> {
  const fields = Object.fromEntries(
    Object.entries(cells).map(([name, cell]) => [name, cell.as(name)]),
  );
  const order = keysetOrder(keyset);
  return {
    all: (t) => select(t, fields, where, order),
    after: (t, last) => {
      const batch = select(
        t,
        { ...fields, ...cursorColumns(keyset) },
        and(where, afterCursor(keyset, last && cursorOf(keyset, last))),
        order,
      );
      // Every cell is text (or NULL) in SQL, and so is every cursor column.
      return { limit: (count) => batch.limit(count) as PromiseLike<CsvRow[]> };
    },
  };
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

const PATIENT_CELLS = {
  MRN: textCell(patients.mrn),
  'Family name': textCell(patients.familyName),
  'Given name': textCell(patients.givenName),
  'Date of birth': dateCell(patients.dateOfBirth),
  Sex: labelCell(patients.sex, SEX_LABELS),
  Phone: textCell(patients.phone),
  Email: textCell(patients.email),
  Address: textCell(patients.addressLine),
  City: textCell(patients.city),
  'Postal code': textCell(patients.postalCode),
  Registered: instantCell(patients.createdAt),
} satisfies Record<(typeof PATIENT_CSV_HEADER)[number], SQL>;

export function patientsCsvSource(params: PatientsCsvParams): CsvSource {
  const where = listFilter(params);
  const keyset: Keyset = { parts: PATIENT_KEYS[params.sort], dir: params.dir };
  return {
    header: PATIENT_CSV_HEADER,
    count: (t) => t.count(patients, where),
    read: csvRead(PATIENT_CELLS, keyset, where, (t, fields, condition, order) =>
      t
        .from(patients, fields)
        .where(condition)
        .orderBy(...order),
    ),
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
  const where = and(
    gte(appointments.startsAt, start),
    lt(appointments.startsAt, end),
    params.status ? eq(appointments.status, params.status) : undefined,
  );
  const keyset: Keyset = {
    parts: [timestampKey(sql`${appointments.startsAt}`), uuidKey(sql`${appointments.id}`)],
    dir: 'asc',
  };
  const cells = {
    Date: dateCell(appointments.startsAt),
    Start: timeCell(appointments.startsAt),
    End: timeCell(appointments.endsAt),
    'Time zone': sql`${timeZone}::text`,
    'Family name': textCell(patients.familyName),
    'Given name': textCell(patients.givenName),
    MRN: textCell(patients.mrn),
    Practitioner: textCell(sql`coalesce(${users.name}, ${'Former staff member'}::text)`),
    Status: labelCell(appointments.status, STATUS_LABELS),
    Reason: textCell(appointments.reason),
  } satisfies Record<(typeof APPOINTMENT_CSV_HEADER)[number], SQL>;
  return {
    header: APPOINTMENT_CSV_HEADER,
    count: (t) => t.count(appointments, where),
    read: csvRead(cells, keyset, where, (t, fields, condition, order) =>
      t
        .from(appointments, fields)
        .leftJoin(patients, appointmentPatient)
        .leftJoin(clinicMemberships, appointmentPractitioner)
        .leftJoin(users, eq(users.id, clinicMemberships.userId))
        .where(condition)
        .orderBy(...order),
    ),
  };
}
