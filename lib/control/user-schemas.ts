/**
 * The create-user schema, apart from lib/control/schemas.ts because its password check is
 * asynchronous (zxcvbn's dictionaries load on first use): parse it with safeParseAsync, as
 * next-safe-action does and the form's validateAsync. The other control-plane forms stay
 * synchronous.
 */
import { z } from 'zod';
import { checkPassword } from '@/lib/auth/password-policy';
import { text } from '@/lib/validation/text';
import { nameSchema } from './schemas';

/** A new password: the policy of lib/auth/password-policy.ts (asynchronous). */
export const newPasswordSchema = text().superRefine(async (value, ctx) => {
  const refusal = await checkPassword(value);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal.message });
});

export const emailSchema = text()
  .trim()
  .max(254, 'Use at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: newPasswordSchema,
  })
  .strict();
export type CreateUserInput = z.input<typeof createUserSchema>;
