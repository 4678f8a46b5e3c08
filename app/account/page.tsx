import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { MfaSection } from '@/components/account/mfa-section';
import { PasswordSection } from '@/components/account/password-section';
import { SessionsSection } from '@/components/account/sessions-section';
import { requireAccountUser } from '@/lib/auth/context';
import { MfaRequiredError, UnauthenticatedError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Your account' };

/** The signed-in user's own account: password, sign-in sessions and two-factor sign-in. */
export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ mfa?: string | string[] }>;
}) {
  // Open to a user who must still set up MFA (they do it here), not to a session awaiting its code.
  const ctx = await requireAccountUser().catch((err: unknown) => {
    if (err instanceof MfaRequiredError) redirect(err.page);
    if (err instanceof UnauthenticatedError) redirect('/login?callbackUrl=/account');
    throw err;
  });
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <PageHeader title="Your account" description={`${ctx.user.name} · ${ctx.user.email}`} />
      <PasswordSection ctx={ctx} />
      <SessionsSection ctx={ctx} />
      <MfaSection ctx={ctx} required={(await searchParams).mfa === 'required'} />
    </div>
  );
}
