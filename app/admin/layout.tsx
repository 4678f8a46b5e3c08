import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { ControlPlaneDenied } from '@/components/admin/control-plane-denied';
import { controlPlaneGate } from '@/lib/control/page-gate';

export const metadata: Metadata = {
  title: { default: 'Control plane', template: '%s · Control plane' },
};

// Who may see this is decided per request against the database.
export const dynamic = 'force-dynamic';

/**
 * The control-plane shell. Its check is a convenience for the whole section; every page (and
 * every control-plane action) checks again, because a layout does not re-run on client
 * navigations and never guards actions.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const gate = await controlPlaneGate();
  if (!gate.ok) return <ControlPlaneDenied canEnterGlobalMode={gate.canEnterGlobalMode} />;
  return (
    <div className="space-y-8">
      <div className="border-b border-slate-200">
        <p className="text-xs font-semibold tracking-wide text-amber-700 uppercase">
          Control plane · global mode
        </p>
        <div className="mt-2">
          <AdminNav />
        </div>
      </div>
      {children}
    </div>
  );
}
