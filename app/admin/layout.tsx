import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { default: 'Control plane', template: '%s · Control plane' },
};

// Who may see this is decided per request against the database.
export const dynamic = 'force-dynamic';

/**
 * Only the frame for app/admin/forbidden.tsx: the control plane itself, and its check, are in
 * (control-plane)/layout.tsx. A refusal there is thrown to this segment, which answers 403 with
 * the control-plane refusal panel rather than the generic 403 page.
 */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return children;
}
