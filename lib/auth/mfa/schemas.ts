/** Input schemas of the MFA actions, outside their 'use server' modules. */
import { z } from 'zod';
import { text } from '@/lib/validation/text';

/** The one answer to every failed code, so a wrong code and a locked account look alike. */
export const CODE_FAILED = 'That code did not work, or too many attempts were made. Try again.';

export const PASSWORD_AGAIN_FAILED = 'Password incorrect, or too many attempts were made.';

/** A 6-digit code or a recovery code (xxxx-xxxx-xxxx-xxxx), as typed. */
const code = text().trim().min(6, 'Enter the code').max(40, 'That is not a code');

export const verifyMfaSchema = z.object({ code, callbackUrl: text().max(2048).optional() });

export const confirmMfaSchema = z
  .object({
    code: text()
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6-digit code from the app'),
  })
  .strict();

export const passwordAgainSchema = z
  .object({ password: text().min(1, 'Enter your password').max(1024) })
  .strict();

export const resetUserMfaSchema = z
  .object({
    userId: z.uuid(),
    reason: text().trim().min(5, 'Say why, in a few words').max(500, 'At most 500 characters'),
  })
  .strict();
