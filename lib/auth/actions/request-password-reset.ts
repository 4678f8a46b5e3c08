'use server';
import { headers } from 'next/headers';
import { publicAction } from '@/lib/actions/safe-action';
import { afterResponse } from '@/lib/after-response';
import { requestPasswordResetSchema } from '@/lib/auth/account-schemas';
import { RESET_REQUESTED, requestPasswordReset } from '@/lib/auth/password-reset';
import { requestMeta } from '@/lib/auth/request-context';
import { mailLinkOrigin } from '@/lib/security/origin';

/**
 * "Forgot password?": public, since the person cannot sign in. Always the same answer (see
 * lib/auth/password-reset.ts); the mail, if any, goes out after the response.
 */
export const requestPasswordResetAction = publicAction
  .metadata({ name: 'requestPasswordReset', permission: 'public' })
  .inputSchema(requestPasswordResetSchema)
  .action(async ({ parsedInput }) => {
    await requestPasswordReset({
      email: parsedInput.email,
      meta: await requestMeta(),
      origin: mailLinkOrigin(await headers()),
      defer: afterResponse,
    });
    return RESET_REQUESTED;
  });
