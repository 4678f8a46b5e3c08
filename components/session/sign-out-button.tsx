'use client';
import { useAction } from 'next-safe-action/hooks';
import { useSessionSync } from '@/components/session/session-sync';
import { signOutAction } from '@/lib/auth/actions/sign-out';

/** Signs out (the header's button, and the MFA code step's, which has no header). */
export function SignOutButton() {
  const { announce } = useSessionSync();
  // The action ends by redirecting to the sign-in page: the cookie is gone by then.
  const signOut = useAction(signOutAction, { onNavigation: announce });
  return (
    <button
      type="button"
      className="rounded-md px-2.5 py-1.5 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-60"
      disabled={signOut.isPending}
      onClick={() => signOut.execute()}
    >
      Sign out
    </button>
  );
}
