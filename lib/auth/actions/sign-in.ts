'use server';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { publicAction } from '@/lib/actions/safe-action';
import { signIn } from '@/lib/auth/next-auth';
import { ActionError } from '@/lib/errors';
import { SIGN_IN_FAILED, safeCallbackPath } from '@/lib/auth/sign-in-rules';

export const signInAction = publicAction
  .metadata({ name: 'signIn', permission: 'public' })
  .inputSchema(
    z.object({
      email: z.string().trim().min(1, 'Enter your email').max(254),
      password: z.string().min(1, 'Enter your password').max(1024),
      callbackUrl: z.string().max(2048).optional(),
    }),
  )
  .action(async ({ parsedInput }) => {
    try {
      await signIn('credentials', {
        email: parsedInput.email,
        password: parsedInput.password,
        redirectTo: safeCallbackPath(parsedInput.callbackUrl),
      });
    } catch (err) {
      // Success is a redirect (thrown); only next-auth's own failures are turned into a message.
      if (err instanceof AuthError) throw new ActionError(SIGN_IN_FAILED);
      throw err;
    }
  });
