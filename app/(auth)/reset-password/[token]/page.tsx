import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/components/account/reset-password-form';
import { resetLinkTarget } from '@/lib/auth/password-reset';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

/**
 * Public: the page a reset link opens. Looking at it changes nothing (mail scanners open links);
 * only submitting the form uses the link.
 */
export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const target = await resetLinkTarget(token);
  return (
    <div className="mx-auto mt-12 max-w-sm">
      {target ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
          <p className="mt-1 text-sm text-slate-600">
            For {target.email}. Every session of this account is signed out afterwards.
          </p>
          <ResetPasswordForm token={token} person={target} />
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">This link no longer works</h1>
          <p className="mt-1 text-sm text-slate-600">
            Reset links work once, for an hour, and only the newest one you asked for.
          </p>
          <p className="mt-6 text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-700 underline">
              Ask for a new link
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
