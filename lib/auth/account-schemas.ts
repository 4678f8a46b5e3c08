/**
 * Input schemas of the password and session actions (lib/auth/actions), outside their
 * 'use server' modules, where every export would be an endpoint. Plain zod, so the forms check
 * the same shape; the password policy itself (lib/auth/password-policy.ts) runs on top, in the
 * form and again in the action, with the person's own words (which the schema cannot know).
 */
import { z } from 'zod';
import { text } from '@/lib/validation/text';

/** Far above the policy's maximum: a longer value is refused here, before any hashing. */
const PASSWORD_INPUT_MAX = 1024;

export const requestPasswordResetSchema = z
  .object({
    email: text()
      .trim()
      .min(1, 'Enter your email')
      .max(254, 'Use at most 254 characters')
      .pipe(z.email('Enter a valid email address')),
  })
  .strict();

export const resetPasswordSchema = z
  .object({
    // base64url of 32 bytes is 43 characters; anything else cannot be a link of ours.
    token: text()
      .length(43, 'This link is not valid')
      .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid'),
    password: text().min(1, 'Enter a new password').max(PASSWORD_INPUT_MAX, 'This is too long'),
  })
  .strict();

export const changePasswordSchema = z
  .object({
    currentPassword: text()
      .min(1, 'Enter your current password')
      .max(PASSWORD_INPUT_MAX, 'This is too long'),
    newPassword: text().min(1, 'Enter a new password').max(PASSWORD_INPUT_MAX, 'This is too long'),
  })
  .strict();

/** One other session of the caller's by id, or (no id) all of their other sessions. */
export const endSessionsSchema = z.object({ sessionId: z.uuid().optional() }).strict();
