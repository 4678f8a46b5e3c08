'use client';
import { useRouter } from 'next/navigation';
import { createContext, Fragment, useContext, useEffect, type ReactNode } from 'react';
import type { PageStamp } from '@/lib/auth/page-stamp';
import { useSessionSync } from './session-sync';

const PageStampContext = createContext<PageStamp | null>(null);

/**
 * Wraps every clinic page (lib/auth/page-guard.tsx): the page's body was rendered for `stamp`.
 *
 * The header comes from the root layout, which a client-side navigation does not re-render. So
 * after a switch in another tab, a link clicked in this tab brings a page of the new clinic under
 * the old header. The body is then held back and the whole tab re-rendered from the server, so
 * header and body always come from one render. Keyed by the stamp: a form typed for one clinic is
 * never left on screen to be submitted to another.
 */
export function ClinicFrame({
  stamp,
  clinicName,
  children,
}: {
  stamp: PageStamp;
  clinicName: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const { rendered } = useSessionSync();
  const matches = rendered.clinicId === stamp.clinicId && rendered.userId === stamp.userId;

  useEffect(() => {
    if (!matches) router.refresh();
  }, [matches, router]);

  if (!matches) {
    return (
      <p role="status" className="py-12 text-center text-sm text-slate-600">
        Opening {clinicName}…
      </p>
    );
  }
  return (
    <PageStampContext.Provider value={stamp}>
      <Fragment key={`${stamp.clinicId}:${stamp.userId}`}>{children}</Fragment>
    </PageStampContext.Provider>
  );
}

/** The stamp of the page a component is on; writes carry it (useClinicAction, clinic fetches). */
export function usePageStamp(): PageStamp {
  const stamp = useContext(PageStampContext);
  if (!stamp) throw new Error('Clinic writes are only possible from a clinic page (ClinicFrame).');
  return stamp;
}
