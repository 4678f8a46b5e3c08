/**
 * Patient vocabulary shared by the browser and the server. Kept free of db/ imports so client
 * components can use it; lib/patients/constants.test.ts proves it matches db/schema/patients.ts.
 */
export const PATIENT_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type PatientSex = (typeof PATIENT_SEXES)[number];

export const SEX_LABELS: Record<PatientSex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
};

/** Medical record numbers: the clinic's prefix, then the counter zero-padded to six digits. */
export function formatMrn(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

/** The clinic_counters row MRNs are drawn from (the demo seed moves it past its own numbers). */
export const MRN_COUNTER = 'mrn';
/** The clinic's number of patients, kept by triggers (db/migrations/0009_patient_totals.sql). */
export const PATIENTS_TOTAL_COUNTER = 'patients_total';

/**
 * Portal account look-ups per staff user (across their clinics) in a sliding window: enough for a
 * busy front desk, too few to probe a list of e-mail addresses.
 */
export const PORTAL_LOOKUP_LIMIT = { count: 20, windowMinutes: 10 } as const;
