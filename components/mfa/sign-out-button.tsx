'use client';
import { useAction } from 'next-safe-action/hooks';
import { useSessionSync } from '@/components/session/session-sync';
import { Button } from '@/components/ui/button';
import { signOutAction } from '@/lib/auth/actions/sign-out';

/** Sign out from a page without the header (the code step). */
export function SignOutButton() {
  const { announce } = useSessionSync();
  const signOut = useAction(signOutAction, { onNavigation: announce });
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={signOut.isPending}
      onClick={() => signOut.execute()}
    >
      Sign out
    </Button>
  );
}
