import { forbidden } from 'next/navigation';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { controlPlaneGate } from '@/lib/control/page-gate';

/**
 * The control-plane shell. Its check covers the whole section on a full page load; every page
 * (and every control-plane action) checks again, because a layout does not re-run on client
 * navigations and never guards actions. A refusal is a 403 with the refusal panel
 * (app/admin/forbidden.tsx).
 */
export default async function ControlPlaneLayout({ children }: { children: ReactNode }) {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
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
