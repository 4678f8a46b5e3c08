import { ActionError } from '@/lib/errors';

export const PORTAL_EMAIL_UNKNOWN = 'No account with that email';
export const PORTAL_EMAIL_TAKEN =
  'That account is already linked to another patient in this clinic';

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
