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
    <div className="flex items-center gap-3 text-sm">
      <span className="hidden text-slate-600 sm:inline">
        {userName}
        {roleName && <span className="text-slate-500"> · {roleName}</span>}
      </span>
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
