/**
 * The one patient schema, shared by the onboarding/edit forms (browser) and the server actions.
 * Strict: unknown keys (a smuggled `clinicId`, `mrn`, `userId`) are validation errors. Form
 * strings are trimmed and empty optional fields become null.
 */
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { PATIENT_SEXES } from './constants';
import { ISO_DATE, isRealDate, latestDateOnEarth } from './dates';

export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

const name = (missing: string) =>
  text(missing).trim().min(1, missing).max(100, 'Use at most 100 characters');

/** An optional text field: '', null and undefined all mean "none" (null). */
function optionalText<T extends z.ZodType<string, string>>(inner: T) {
  return text()
    .nullish()
    .transform((v) => (v ?? '').trim())
    .pipe(z.union([z.literal(''), inner]))
    .transform((v) => (v === '' ? null : v));
}

const email = text()
  .max(254, 'Use at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const dateOfBirthSchema = text('Enter the date of birth')
  .trim()
  .min(1, 'Enter the date of birth')
  .regex(ISO_DATE, 'Enter the date as YYYY-MM-DD')
  .refine(isRealDate, 'Enter a date that exists')
  .refine((v) => v >= EARLIEST_DATE_OF_BIRTH, 'Enter a date from 1900 on')
  .refine((v) => v <= latestDateOnEarth(), 'The date of birth cannot be in the future');

export const patientFields = {
  givenName: name('Enter the given name'),
  familyName: name('Enter the family name'),
  dateOfBirth: dateOfBirthSchema,
  sex: z.enum(PATIENT_SEXES, { error: 'Choose a sex' }),
  phone: optionalText(
    text()
      .max(40, 'Use at most 40 characters')
      .regex(/^[+0-9()\-.\s]+$/, 'Use digits, spaces and + ( ) - . only')
      .refine((v) => (v.match(/\d/g) ?? []).length >= 3, 'Enter at least 3 digits'),
  ),
  email: optionalText(email),
  addressLine: optionalText(text().max(200, 'Use at most 200 characters')),
  city: optionalText(text().max(100, 'Use at most 100 characters')),
  postalCode: optionalText(text().max(20, 'Use at most 20 characters')),
  /** E-mail of an existing user account to link as the patient's portal login. */
  portalEmail: optionalText(email),
};

/** Checkboxes and hidden inputs send "true"/"false"; code sends booleans. */
const formBoolean = z.union([z.boolean(), z.stringbool()]);

export const createPatientSchema = z
  .object({
    ...patientFields,
    /** Set after the user has seen the possible duplicates and chose "Create anyway". */
    confirmDuplicate: formBoolean.optional().default(false),
  })
  .strict();
export type CreatePatientInput = z.input<typeof createPatientSchema>;
export type CreatePatientValues = z.output<typeof createPatientSchema>;

/** Same fields (the MRN is never edited), plus the patient's id. */
export const updatePatientSchema = z
  .object({ id: z.uuid('Unknown patient'), ...patientFields })
  .strict();
export type UpdatePatientInput = z.input<typeof updatePatientSchema>;
export type UpdatePatientValues = z.output<typeof updatePatientSchema>;

/** The editable fields as the form holds them: strings only. */
export type PatientFormValues = {
  [K in keyof typeof patientFields]: string;
};

export const EMPTY_PATIENT_FORM: PatientFormValues = {
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  sex: '',
  phone: '',
  email: '',
  addressLine: '',
  city: '',
  postalCode: '',
  portalEmail: '',
};
