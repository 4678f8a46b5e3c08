import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitationButton, NewAccountForm } from '@/components/members/accept-invitation';
import { requireUser } from '@/lib/auth/context';
import { describeInvitation, MESSAGES } from '@/lib/control/team/accept';
import { invitationTokenSchema } from '@/lib/control/team/schemas';
import { UnauthenticatedError } from '@/lib/errors';

// The token is in the path: keep it out of the Referer of anything this page loads or links to.
export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

/** The signed-in user, or null: this page is public (the token is the credential). */
async function currentUser() {
  try {
    return (await requireUser()).user;
  } catch (err) {
    if (err instanceof UnauthenticatedError) return null;
    throw err;
  }
}

function Shell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto mt-12 max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

/** Accepting an invitation: a page for every state of its link, and nothing changes on viewing. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = invitationTokenSchema.safeParse(token).success
    ? await describeInvitation(token)
    : ({ state: 'invalid' } as const);
  if (state.state !== 'open') {
    return (
      <Shell title="This invitation cannot be used">
        <p className="text-slate-700" data-testid="invitation-state" data-state={state.state}>
          {MESSAGES[state.state]}
        </p>
        <p className="text-sm text-slate-600">
          <Link href="/login" className="underline">
            Go to sign-in
          </Link>
        </p>
      </Shell>
    );
  }
  const user = await currentUser();
  const intro = (
    <p className="text-slate-700">
      {state.inviterName} invited <strong>{state.email}</strong> to join{' '}
      <strong>{state.clinicName}</strong> as {state.roleName}.
    </p>
  );
  if (user && user.email.toLowerCase() !== state.email.toLowerCase()) {
    return (
      <Shell title={`Join ${state.clinicName}`}>
        {intro}
        <p className="text-slate-700" data-testid="invitation-state" data-state="other_email">
          You are signed in as {user.email}. This invitation is for {state.email}: sign out, then
          open the link again.
        </p>
      </Shell>
    );
  }
  if (user) {
    return (
      <Shell title={`Join ${state.clinicName}`}>
        {intro}
        <AcceptInvitationButton token={token} clinicName={state.clinicName} />
      </Shell>
    );
  }
  if (state.accountExists) {
    const signIn = `/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`;
    return (
      <Shell title={`Join ${state.clinicName}`}>
        {intro}
        <p className="text-slate-700">
          You already have an account. Sign in as {state.email} to accept.
        </p>
        <Link
          href={signIn}
          className="inline-block rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white"
        >
          Sign in to accept
        </Link>
      </Shell>
    );
  }
  return (
    <Shell title={`Join ${state.clinicName}`}>
      {intro}
      <p className="text-sm text-slate-600">
        Choose your name and a password to create your account.
      </p>
      <NewAccountForm token={token} email={state.email} />
    </Shell>
  );
}
