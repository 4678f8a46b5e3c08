/**
 * The create-user schema, apart from lib/control/schemas.ts because its password check carries
 * zxcvbn's dictionaries: only the form that sets a password (the users page) loads them in the
 * browser, not every control-plane form.
 */
import { z } from 'zod';
import { checkPassword } from '@/lib/auth/password-policy';
import { text } from '@/lib/validation/text';
import { nameSchema } from './schemas';

const newPasswordSchema = text().superRefine((value, ctx) => {
  const refusal = checkPassword(value);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal.message });
});

export const createUserSchema = z
  .object({
    email: text()
      .trim()
      .max(254, 'Use at most 254 characters')
      .pipe(z.email('Enter a valid email address')),
    name: nameSchema,
    password: newPasswordSchema,
  })
  .strict();
export type CreateUserInput = z.input<typeof createUserSchema>;
