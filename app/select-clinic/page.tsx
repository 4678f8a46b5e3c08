import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ClinicChooser } from '@/components/clinic-chooser';
import { requireUser } from '@/lib/auth/context';
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
          <ClinicChooser clinics={state.clinics} />
        </>
      )}
    </div>
  );
}
