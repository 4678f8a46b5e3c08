'use server';
import { AuthError } from 'next-auth';
import { publicAction } from '@/lib/actions/safe-action';
import { signIn } from '@/lib/auth/next-auth';
import { ActionError } from '@/lib/errors';
import { signInSchema } from '@/lib/auth/session-schemas';
import { SIGN_IN_FAILED, safeCallbackPath } from '@/lib/auth/sign-in-rules';
import { publicOrigin } from '@/lib/security/origin';

/**
 * Signs in and returns where to go; the form then loads that page in full. Not a server-action
 * redirect: Next renders a redirect's target inside the action's own request, where the
 * middleware's redirect (to /select-clinic, for a user of several clinics) is lost and the
 * browser is left on the sign-in form at the new URL.
 */
export const signInAction = publicAction
  .metadata({ name: 'signIn', permission: 'public' })
  .inputSchema(signInSchema)
  .action(async ({ parsedInput }) => {
    const redirectTo = safeCallbackPath(parsedInput.callbackUrl, publicOrigin() ?? undefined);
    try {
      await signIn('credentials', {
        email: parsedInput.email,
        password: parsedInput.password,
        redirect: false,
        redirectTo,
      });
    } catch (err) {
      // Only next-auth's own failures are turned into the one generic message.
      if (err instanceof AuthError) throw new ActionError(SIGN_IN_FAILED);
      throw err;
    }
    return { redirectTo };
  });
