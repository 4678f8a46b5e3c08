import { ActionError } from '@/lib/errors';
import { PORTAL_LOOKUP_LIMIT } from './constants';

/** One answer for a missing, staff, operator or disabled account: staff accounts stay unknowable. */
export const PORTAL_EMAIL_NO_ACCOUNT = 'No patient portal account with that email';
export const PORTAL_EMAIL_TAKEN =
  'That account is already linked to another patient in this clinic';
export const PORTAL_LOOKUPS_THROTTLED = `Too many portal account look-ups. Please try again in ${PORTAL_LOOKUP_LIMIT.windowMinutes} minutes.`;

/**
 * A problem with one form field found on the server (e.g. the portal e-mail). Actions turn it
 * into a field error; being an ActionError, its message is safe to show if it ever escapes.
 */
export class PatientFieldError extends ActionError {
  constructor(
    readonly field: 'portalEmail',
    message: string,
  ) {
    super(message);
  }
}
