import type { UserContext } from '@/lib/auth/context';
import { loadMfaView, type MfaView } from '@/lib/auth/mfa/account-view';
import { MfaConfirmForm, MfaManageForms, MfaStartButton } from '@/components/account/mfa-forms';

/**
 * Two-step sign-in on the account page: set it up (QR code and key, confirmed with a first code),
 * or, once on, new recovery codes and turning it off (both with the password again).
 */
export async function MfaSection({ ctx, required }: { ctx: UserContext; required?: boolean }) {
  const view = await loadMfaView(ctx);
  return (
    <section
      aria-labelledby="mfa-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="mfa-heading" className="text-lg font-semibold">
        Two-step sign-in
      </h2>
      {required && !ctx.mfaEnrolled && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Two-step sign-in is required before you can continue: operators always need it, and some
          clinics require it of their staff. Set it up below.
        </p>
      )}
      {view.state === 'on' ? (
        <>
          <p className="text-sm text-slate-700">
            On since {view.since}. Each sign-in asks for a code from your authenticator app. Unused
            recovery codes: {view.unusedCodes}.
          </p>
          <MfaManageForms />
        </>
      ) : view.state === 'pending' ? (
        <PendingEnrolment view={view} />
      ) : (
        <>
          <p className="text-sm text-slate-700">
            Off. With it on, signing in needs a code from an authenticator app on your phone as well
            as your password.
          </p>
          <MfaStartButton label="Set up two-step sign-in" />
        </>
      )}
    </section>
  );
}

function PendingEnrolment({ view }: { view: Extract<MfaView, { state: 'pending' }> }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Scan this QR code with your authenticator app, or type the key into it. Then enter the
        6-digit code the app shows.
      </p>
      <div
        role="img"
        aria-label="QR code for your authenticator app"
        className="h-44 w-44 bg-white"
        // The SVG is made on the server by the qrcode library from the otpauth URI.
        dangerouslySetInnerHTML={{ __html: view.qrSvg }}
      />
      <p className="text-sm">
        Key:{' '}
        <code data-testid="mfa-manual-key" className="font-mono break-all">
          {view.manualKey}
        </code>
      </p>
      <MfaConfirmForm />
      <MfaStartButton label="Start again with a new key" variant="ghost" />
    </div>
  );
}
