import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';
import { AppHeader } from '@/components/app-header';
import { SessionSync } from '@/components/session/session-sync';
import { loadHeaderState, type HeaderState } from '@/lib/auth/header-state';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Clinic', template: '%s · Clinic' },
  description: 'Patients, appointments and exports for every clinic in one place.',
};

// Every page depends on the signed-in user and their clinic: never prerendered.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const header = await loadHeaderState();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SessionSync rendered={renderedSession(header)}>
          <AppHeader state={header} />
          <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
        </SessionSync>
        <Toaster />
      </body>
    </html>
  );
}

/** The session this render shows in the header; open tabs compare it with the cookie's. */
function renderedSession(header: HeaderState | null) {
  const active = header?.clinics.find((c) => c.id === header.activeClinicId);
  return {
    userId: header?.userId ?? null,
    userName: header?.userName ?? null,
    clinicId: header?.activeClinicId ?? null,
    clinicName: active?.name ?? null,
    globalMode: header?.globalMode ?? false,
  };
}
