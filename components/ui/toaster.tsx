'use client';
import { Toaster as SonnerToaster } from 'sonner';

/**
 * The app's one toast outlet (sonner). Mount it once, in the root layout; forms call
 * `toast.success()` / `toast.error()` for everything that is not a field error.
 */
export function Toaster() {
  return <SonnerToaster position="top-right" richColors closeButton duration={5000} />;
}
