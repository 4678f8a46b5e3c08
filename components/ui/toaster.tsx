'use client';
import { Toaster as SonnerToaster } from 'sonner';

/**
 * The app's one toast outlet (sonner). Mount it once, in the root layout; forms call
 * `toast.success()` / `toast.error()` for everything that is not a field error. No `richColors`:
 * its green and red titles on pale backgrounds fail the WCAG AA contrast check (axe), while the
 * default theme keeps dark text and still shows a coloured icon per type.
 */
export function Toaster() {
  return <SonnerToaster position="top-right" closeButton duration={6000} />;
}
