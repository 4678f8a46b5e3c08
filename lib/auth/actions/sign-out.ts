'use server';
import { publicAction } from '@/lib/actions/safe-action';
import { signOut } from '@/lib/auth/next-auth';

/** Public on purpose: a user whose session was revoked must still be able to sign out. */
export const signOutAction = publicAction
  .metadata({ name: 'signOut', permission: 'public' })
  .action(async () => {
    await signOut({ redirectTo: '/login' });
  });
