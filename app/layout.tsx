import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';
import { AppHeader } from '@/components/app-header';
import { loadHeaderState } from '@/lib/auth/header-state';
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
        <AppHeader state={header} />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
        <Toaster />
      </body>
    </html>
  );
}
