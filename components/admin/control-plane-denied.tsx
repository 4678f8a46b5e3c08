'use client';
import { useAction } from 'next-safe-action/hooks';
import { toast } from 'sonner';
import { useSessionSync } from '@/components/session/session-sync';
import { Button } from '@/components/ui/button';
import { setGlobalModeAction } from '@/lib/auth/actions/global-mode';

/** What the control plane shows anyone who is signed in but may not use it right now. */
export function ControlPlaneDenied({ canEnterGlobalMode }: { canEnterGlobalMode: boolean }) {
  const { announce } = useSessionSync();
  const enter = useAction(setGlobalModeAction, {
    // A full load: this panel is the page's 403, and Next keeps a 403 shown through a client
    // refresh of the same URL.
    onSuccess: () => {
      announce();
      window.location.reload();
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not enter global mode.'),
  });
  return (
    <section
      aria-labelledby="control-plane-denied"
      className="mx-auto mt-8 max-w-lg rounded-lg border border-amber-200 bg-amber-50 p-6"
    >
      <h1 id="control-plane-denied" className="text-lg font-semibold text-amber-950">
        Control plane needs a system admin in global mode
      </h1>
      {canEnterGlobalMode ? (
        <>
          <p className="mt-2 text-sm text-amber-900">
            You are a system admin, but global mode is off. Entering it leaves your current clinic;
            the switch is recorded in the audit log.
          </p>
          <Button
            className="mt-4"
            pending={enter.isPending}
            pendingLabel="Entering…"
            onClick={() => enter.execute({ on: true })}
          >
            Enter global mode
          </Button>
        </>
      ) : (
        <p className="mt-2 text-sm text-amber-900">
          Clinics, users, memberships and system settings are managed by system operators. Your
          account does not have that role. This attempt was recorded.
        </p>
      )}
    </section>
  );
}
