'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { clinicAction } from '@/lib/actions/safe-action';
import { updatePatient } from '@/lib/data/patients';
import { PatientFieldError } from '@/lib/patients/errors';
import { updatePatientSchema } from '@/lib/patients/schema';

/**
 * Saves a patient's details in the active clinic (never the MRN). Another clinic's id is "Patient
 * not found", exactly like a missing one.
 */
export const updatePatientAction = clinicAction
  .metadata({ name: 'updatePatient', permission: 'patients.update' })
  .inputSchema(updatePatientSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const result = await updatePatient(ctx, parsedInput);
      revalidatePath('/patients');
      revalidatePath(`/patients/${result.id}`);
      return result;
    } catch (err) {
      if (err instanceof PatientFieldError)
        returnValidationErrors(updatePatientSchema, { [err.field]: { _errors: [err.message] } });
      throw err;
    }
  });
