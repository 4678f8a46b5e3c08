'use client';
import Link from 'next/link';
import { useAction } from 'next-safe-action/hooks';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { setGlobalModeAction } from '@/lib/auth/actions/global-mode';
import { SignOutButton } from '@/components/session/sign-out-button';
import { useSessionSync } from '@/components/session/session-sync';

interface Props {
  userName: string;
  roleName: string | null;
  globalMode: boolean;
  canEnterGlobalMode: boolean;
}

export function UserMenu({ userName, roleName, globalMode, canEnterGlobalMode }: Props) {
  const router = useRouter();
  const { announce } = useSessionSync();
  const globalModeAction = useAction(setGlobalModeAction, {
    onSuccess: ({ data }) => {
      announce();
      // Entering is a full load: from the control plane's 403 page (/admin itself), a client
      // navigation would keep showing the 403, which Next resets only on another URL.
      if (data?.globalMode) return window.location.assign('/admin');
      router.push('/select-clinic');
      // The header (root layout) shows the mode: a push alone would keep it as it was.
      router.refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not change mode'),
  });

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {/* Name and role stacked in the bar (it is narrow at 768 px), on one line in the phone menu. */}
      <p
        className="w-full leading-tight text-slate-700 md:w-auto md:pr-1"
        data-testid="signed-in-user"
      >
        {userName}
        {roleName && (
          <span className="text-slate-500">
            <span className="md:hidden"> · </span>
            <span className="md:block md:text-xs">{roleName}</span>
          </span>
        )}
      </p>
      {canEnterGlobalMode && (
        <button
          type="button"
          className="rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1.5 font-medium text-amber-900 hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-60"
          disabled={globalModeAction.isPending}
          onClick={() => globalModeAction.execute({ on: !globalMode })}
        >
          {globalMode ? 'Leave global mode' : 'Enter global mode'}
        </button>
      )}
      <Link
        href="/account"
        className="rounded-md px-2.5 py-1.5 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      >
        Account
      </Link>
      <SignOutButton />
    </div>
  );
}
