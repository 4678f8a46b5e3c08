import type { HeaderState } from '@/lib/auth/header-state';
import { ClinicSwitcher } from './clinic-switcher';
import { QuickSearch } from './search/quick-search';
import { HeaderMenu } from './header/header-menu';
import { MainNav } from './header/main-nav';
import { ProductMark } from './header/product-mark';
import { SupportBanner } from './support-banner';
import { UserMenu } from './user-menu';

export function AppHeader({ state }: { state: HeaderState | null }) {
  const activeClinic = state?.clinics.find((c) => c.id === state.activeClinicId);
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
      <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 md:gap-x-6">
        <ProductMark />
        {activeClinic && (
          // On a phone the picker is in the menu: the bar still says which clinic this is.
          <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-700 md:hidden">
            {activeClinic.name}
          </span>
        )}
        {/* Slot: the quick search (components/search/quick-search.tsx), visible at every width. */}
        {state && (
          <>
            {state.nav.some((item) => item.href === '/patients') && <QuickSearch />}
            <HeaderMenu>
              {state.nav.length > 0 ? <MainNav items={state.nav} /> : <span />}
              <div className="flex flex-col gap-4 md:flex-row md:items-center md:gap-3">
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
            </HeaderMenu>
          </>
        )}
      </div>
    </header>
  );
}
