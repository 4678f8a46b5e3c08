/**
 * What each kind of export is asked for with, validated twice: strictly when it is requested
 * (action input) and again when the job reads the stored params back. The canonical form of the
 * params (defaults filled in, keys sorted) makes the request key, so "the same export" means the
 * same filters however they were written. No server imports: client components use the types.
 */
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { APPOINTMENT_STATUSES } from '@/lib/appointments/schemas';
import { isIsoDate } from '@/lib/appointments/time';
import { PATIENT_SEXES } from '@/lib/patients/constants';
import { PERIOD } from '@/lib/reports/period';
import { isRealDate } from '@/lib/patients/dates';
import {
  PATIENT_SORTS,
  QUERY_MAX_LENGTH,
  QUERY_TOO_LONG_MESSAGE,
  SORT_DIRECTIONS,
  parsePatientListParams,
} from '@/lib/patients/list-params';

const listDate = text().refine(isRealDate, 'Use a real date (YYYY-MM-DD)');

/**
 * Chosen by the page once per user intention (a form render, or the next one after a completed
 * submit): a double click or a resent request carries the same key and gets the same export. Not
 * part of the params, so it never changes what "the same export" means.
 */
const idempotencyKeyField = { idempotencyKey: z.uuid().optional() };
const rangeDate = text().refine(isIsoDate, 'Use a real date (YYYY-MM-DD)');

// ---------------------------------------------------------------------------------------------
// Patient list CSV: the list's own filters (and order), normalised exactly as the list does.

/** Action input: the patient list's filters as the list page holds them. */
export const patientsCsvInputSchema = z.strictObject({
  ...idempotencyKeyField,
  q: text().trim().max(QUERY_MAX_LENGTH, QUERY_TOO_LONG_MESSAGE).optional(),
  sex: z.enum(PATIENT_SEXES).nullish(),
  dobFrom: listDate.nullish(),
  dobTo: listDate.nullish(),
  sort: z.enum(PATIENT_SORTS).optional(),
  dir: z.enum(SORT_DIRECTIONS).optional(),
});
export type PatientsCsvInput = z.input<typeof patientsCsvInputSchema>;

/** The stored, canonical params (every key present). */
const patientsCsvParamsSchema = z.strictObject({
  q: text().max(QUERY_MAX_LENGTH),
  sex: z.enum(PATIENT_SEXES).nullable(),
  dobFrom: listDate.nullable(),
  dobTo: listDate.nullable(),
  sort: z.enum(PATIENT_SORTS),
  dir: z.enum(SORT_DIRECTIONS),
});
export type PatientsCsvParams = z.output<typeof patientsCsvParamsSchema>;

/** The list's own parser fills the defaults and trims the search, so both read the same filter. */
export function canonicalPatientsParams(
  input: z.output<typeof patientsCsvInputSchema>,
): PatientsCsvParams {
  const list = parsePatientListParams({
    q: input.q ?? undefined,
    sex: input.sex ?? undefined,
    dobFrom: input.dobFrom ?? undefined,
    dobTo: input.dobTo ?? undefined,
    sort: input.sort,
    dir: input.dir,
  });
  return {
    q: list.q,
    sex: list.sex,
    dobFrom: list.dobFrom,
    dobTo: list.dobTo,
    sort: list.sort,
    dir: list.dir,
  };
}

// ---------------------------------------------------------------------------------------------
// Appointments CSV: clinic-local dates, inclusive, optionally one status (the list's filters).

const appointmentsRangeFields = {
  from: rangeDate,
  to: rangeDate,
};

export const appointmentsCsvInputSchema = z
  .strictObject({
    ...idempotencyKeyField,
    ...appointmentsRangeFields,
    status: z.enum(APPOINTMENT_STATUSES).nullish(),
  })
  .refine((v) => v.to >= v.from, {
    path: ['to'],
    message: 'The end date is before the start date',
  });
export type AppointmentsCsvInput = z.input<typeof appointmentsCsvInputSchema>;

const appointmentsCsvParamsSchema = z
  .strictObject({ ...appointmentsRangeFields, status: z.enum(APPOINTMENT_STATUSES).nullable() })
  .refine((v) => v.to >= v.from);
export type AppointmentsCsvParams = z.output<typeof appointmentsCsvParamsSchema>;

export function canonicalAppointmentsParams(
  input: z.output<typeof appointmentsCsvInputSchema>,
): AppointmentsCsvParams {
  return { from: input.from, to: input.to, status: input.status ?? null };
}

// ---------------------------------------------------------------------------------------------
// Patient summary (PDF)

const patientSummaryParamsSchema = z.strictObject({ patientId: z.uuid() });
export type PatientSummaryParams = z.output<typeof patientSummaryParamsSchema>;

export const patientSummaryInputSchema = patientSummaryParamsSchema.extend(idempotencyKeyField);

// ---------------------------------------------------------------------------------------------
// Monthly report: one month of counts, as the scheduled report makes it.

const monthlyReportParamsSchema = z.strictObject({
  period: text().regex(PERIOD, 'Choose a month (YYYY-MM)'),
});
export type MonthlyReportParams = z.output<typeof monthlyReportParamsSchema>;

export const monthlyReportInputSchema = monthlyReportParamsSchema.extend(idempotencyKeyField);

// ---------------------------------------------------------------------------------------------

export type ExportRequest =
  | { kind: 'patients_csv'; params: PatientsCsvParams }
  | { kind: 'appointments_csv'; params: AppointmentsCsvParams }
  | { kind: 'patient_summary_pdf'; params: PatientSummaryParams }
  | { kind: 'monthly_report'; params: MonthlyReportParams };

export type RequestableKind = ExportRequest['kind'];

const STORED_SCHEMAS = {
  patients_csv: patientsCsvParamsSchema,
  appointments_csv: appointmentsCsvParamsSchema,
  patient_summary_pdf: patientSummaryParamsSchema,
  monthly_report: monthlyReportParamsSchema,
} as const;

/** The request a stored export row describes, or null when its kind or params are not valid. */
export function parseStoredRequest(kind: string, params: unknown): ExportRequest | null {
  if (!Object.hasOwn(STORED_SCHEMAS, kind)) return null;
  const parsed = STORED_SCHEMAS[kind as RequestableKind].safeParse(params);
  return parsed.success ? ({ kind, params: parsed.data } as ExportRequest) : null;
}

/** JSON with keys sorted at every level: equal params give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** `kind:` + the canonical params: what "the same export" means for the one-active-run index. */
export function requestKeyOf(request: ExportRequest): string {
  return `${request.kind}:${canonicalJson(request.params)}`;
}
