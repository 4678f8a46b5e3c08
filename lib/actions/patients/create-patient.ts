'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { clinicAction } from '@/lib/actions/safe-action';
import { createPatient } from '@/lib/data/patients';
import { PatientFieldError } from '@/lib/patients/errors';
import { createPatientSchema } from '@/lib/patients/schema';

/**
 * Onboards a patient in the active clinic. Returns `{ status: 'duplicates', duplicates }` (and
 * creates nothing) when the clinic may already have this person, until the user confirms with
 * `confirmDuplicate: true`. The MRN is generated on the server; a bad portal e-mail is a field
 * error.
 */
export const createPatientAction = clinicAction
  .metadata({ name: 'createPatient', permission: 'patients.create' })
  .inputSchema(createPatientSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const result = await createPatient(ctx, parsedInput);
      if (result.status === 'created') revalidatePath('/patients');
      return result;
    } catch (err) {
      if (err instanceof PatientFieldError)
        returnValidationErrors(createPatientSchema, { [err.field]: { _errors: [err.message] } });
      throw err;
    }
  });
