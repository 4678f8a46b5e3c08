import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ClinicChooser } from '@/components/clinic-chooser';
import Link from 'next/link';
import { requireAccountUser, requireUser } from '@/lib/auth/context';
import { clinicsRequiringMfa } from '@/lib/auth/mfa/clinic-policy';
import { loadHeaderState } from '@/lib/auth/header-state';
import { MfaRequiredError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Choose a clinic' };

export default async function SelectClinicPage() {
  const state = await loadHeaderState();
  if (!state) redirect('/login');
  if (state.globalMode) redirect('/admin');
  // An operator who must set up MFA first (production) can only reach /account.
  await requireUser().catch((err: unknown) => {
    if (err instanceof MfaRequiredError) redirect(err.page);
    throw err;
  });
  const { mfaEnrolled } = await requireAccountUser();
  const needMfa = mfaEnrolled ? [] : await clinicsRequiringMfa(state.clinics);
  return (
    <div className="mx-auto mt-8 max-w-lg">
      <h1 className="text-2xl font-semibold tracking-tight">Choose a clinic</h1>
      {state.clinics.length === 0 ? (
        <p className="mt-3 text-slate-600">
          {state.canEnterGlobalMode
            ? 'You are a system admin without clinic memberships. Enter global mode (top right) to use the control plane.'
            : 'You are not a member of any active clinic. Ask your clinic admin to add you.'}
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">You can switch at any time from the header.</p>
          {needMfa.length > 0 && (
            <p role="note" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {needMfa.join(', ')} {needMfa.length === 1 ? 'requires' : 'require'} two-step sign-in.{' '}
              <Link href="/account" className="underline">
                Set it up on your account page
              </Link>{' '}
              before entering.
            </p>
          )}
          <ClinicChooser clinics={state.clinics} />
        </>
      )}
    </div>
  );
}
