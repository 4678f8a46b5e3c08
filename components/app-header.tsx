import Link from 'next/link';
import type { HeaderState } from '@/lib/auth/header-state';
import { ClinicSwitcher } from './clinic-switcher';
import { QuickSearch } from './search/quick-search';
import { SupportBanner } from './support-banner';
import { UserMenu } from './user-menu';

export function AppHeader({ state }: { state: HeaderState | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {state?.globalMode && (
        <div
          role="status"
          className="bg-amber-400 px-4 py-1 text-center text-xs font-semibold tracking-wide text-amber-950 uppercase"
        >
          Global mode: control plane. No clinic is active.
        </div>
      )}
      {state?.support && <SupportBanner support={state.support} />}
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
        <div className="flex items-center gap-6">
          <Link href="/" className="text-lg font-semibold tracking-tight text-brand-700">
            Clinic
          </Link>
          {state && state.nav.length > 0 && (
            <nav aria-label="Main" className="flex items-center gap-1 text-sm">
              {state.nav.map((item) => (
                <Link
                  key={item.href}
                  href={item.href}
                  className="rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                >
                  {item.label}
                </Link>
              ))}
            </nav>
          )}
        </div>
        {state && (
          <div className="flex items-center gap-4">
            {state.nav.some((item) => item.href === '/patients') && <QuickSearch />}
            {!state.globalMode && !state.support && (
              <ClinicSwitcher clinics={state.clinics} activeClinicId={state.activeClinicId} />
            )}
            <UserMenu
              userName={state.userName}
              roleName={state.activeRoleName}
              globalMode={state.globalMode}
              canEnterGlobalMode={state.canEnterGlobalMode}
            />
          </div>
        )}
      </div>
    </header>
  );
}
