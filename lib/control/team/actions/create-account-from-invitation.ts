'use server';
import { AuthError } from 'next-auth';
import { publicAction } from '@/lib/actions/safe-action';
import { requestMeta } from '@/lib/auth/request-context';
import { signIn } from '@/lib/auth/next-auth';
import { acceptAsNewUser } from '../accept';
import { createAccountFromInvitationSchema } from '../schemas';

/**
 * A new person accepts an invitation: an account with the invited address (never one they type)
 * and a password that meets the policy, a membership in the invitation's clinic, and a signed-in
 * session there. Public on purpose: the single-use token is the credential.
 */
export const createAccountFromInvitationAction = publicAction
  .metadata({ name: 'createAccountFromInvitation', permission: 'public' })
  .inputSchema(createAccountFromInvitationSchema)
  .action(async ({ parsedInput }) => {
    const { email } = await acceptAsNewUser(
      { userId: null, ...(await requestMeta()) },
      parsedInput,
    );
    try {
      // A one-clinic user's sign-in opens that clinic (lib/auth/token.ts).
      await signIn('credentials', { email, password: parsedInput.password, redirect: false });
    } catch (err) {
      // The account exists either way; signing in by hand is the fallback.
      if (err instanceof AuthError) return { redirectTo: '/login', signedIn: false };
      throw err;
    }
    return { redirectTo: '/', signedIn: true };
  });
