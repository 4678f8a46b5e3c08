'use client';
import { useAction } from 'next-safe-action/hooks';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { useSessionSync } from '@/components/session/session-sync';
import { cn } from '@/components/ui/cn';
import type { SupportBannerState } from '@/lib/auth/header-state';
import { endSupportAccessAction } from '@/lib/auth/actions/end-support-access';

/** "14:05" for a span of milliseconds (never negative). */
function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * On every page during support access: the clinic, the reason, the time left (counted down here;
 * the server decides on its own clock at every request) and the way out. Write access is red.
 * At zero it reloads into the control plane, where the server has put the session by then.
 */
export function SupportBanner({ support }: { support: SupportBannerState }) {
  const expiresAt = new Date(support.expiresAt).getTime();
  const [left, setLeft] = useState<number | null>(null);
  const { announce } = useSessionSync();
  const end = useAction(endSupportAccessAction, {
    onSuccess: () => {
      announce();
      window.location.assign('/admin');
    },
    onError: ({ error }) =>
      toast.error(typeof error.serverError === 'string' ? error.serverError : 'Could not end it'),
  });

  useEffect(() => {
    const tick = () => {
      const ms = expiresAt - Date.now();
      setLeft(ms);
      // A moment past zero, so a clock a little ahead of the server's does not arrive early.
      if (ms <= -2000) window.location.assign('/admin');
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [expiresAt]);

  return (
    <div
      role="region"
      aria-label="Support access"
      className={cn(
        'px-4 py-2 text-sm text-white',
        support.writeAccess ? 'bg-red-700' : 'bg-violet-700',
      )}
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-1 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4">
        <p className="font-semibold">
          {support.writeAccess ? 'Support access with WRITE' : 'Read-only support access'}:{' '}
          {support.clinicName}
        </p>
        <p className="break-words sm:min-w-0 sm:flex-1">Reason: {support.reason}</p>
        <div className="flex items-center justify-between gap-3">
          <p>
            Time left:{' '}
            <span className="font-mono font-semibold tabular-nums" data-testid="support-time-left">
              {left === null ? '…' : clock(left)}
            </span>
          </p>
          <button
            type="button"
            className="rounded-md border border-white/70 px-2.5 py-1 font-medium hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-white disabled:opacity-60"
            disabled={end.isPending}
            onClick={() => end.execute({})}
          >
            End support access
          </button>
        </div>
      </div>
    </div>
  );
}
