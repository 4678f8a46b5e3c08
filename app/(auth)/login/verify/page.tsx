import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { MfaCodeForm } from '@/components/mfa/code-form';
import { SignOutButton } from '@/components/session/sign-out-button';
import { requireCodeStepUser } from '@/lib/auth/context';
import { safeCallbackPath } from '@/lib/auth/sign-in-rules';
import { publicOrigin } from '@/lib/security/origin';

export const metadata: Metadata = { title: 'Enter your sign-in code' };

/** The sign-in code step: the only page a session that has passed its password step may open. */
export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const ok = await requireCodeStepUser().then(
    () => true,
    () => false,
  );
  // No session waiting for a code: the app's own routing takes it from the start.
  if (!ok) redirect('/');
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath([callbackUrl].flat()[0], publicOrigin() ?? undefined);
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Enter your sign-in code</h1>
      <p className="mt-1 text-sm text-slate-600">
        Open your authenticator app and enter the 6-digit code it shows for this account. Lost your
        phone? Enter one of your recovery codes instead.
      </p>
      <MfaCodeForm callbackUrl={next} />
      <div className="mt-6 border-t border-slate-200 pt-4 text-sm">
        <SignOutButton />
      </div>
    </div>
  );
}
