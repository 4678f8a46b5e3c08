'use client';
import { useRouter } from 'next/navigation';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { confirmMfaEnrolmentAction } from '@/lib/auth/actions/confirm-mfa-enrolment';
import { disableMfaAction } from '@/lib/auth/actions/disable-mfa';
import { regenerateRecoveryCodesAction } from '@/lib/auth/actions/regenerate-recovery-codes';
import { startMfaEnrolmentAction } from '@/lib/auth/actions/start-mfa-enrolment';

export function MfaStartButton({ label, variant }: { label: string; variant?: ButtonVariant }) {
  const router = useRouter();
  const feedback = useActionFeedback({ onSuccess: () => router.refresh() });
  const start = useAction(startMfaEnrolmentAction, feedback.callbacks);
  return (
    <Button variant={variant} pending={start.isPending} onClick={() => start.execute()}>
      {label}
    </Button>
  );
}

/** Shown once: the codes are stored only as hashes. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-medium text-amber-900">
        Your recovery codes. Keep them somewhere safe: each works once, and they are shown only now.
      </p>
      <ul
        data-testid="recovery-codes"
        className="grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Button size="sm" variant="secondary" onClick={onDone}>
        I have saved them
      </Button>
    </div>
  );
}

export function MfaConfirmForm() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const feedback = useActionFeedback<{ recoveryCodes: string[] }>({
    success: 'Two-step sign-in is on.',
    onSuccess: (d) => setCodes(d.recoveryCodes),
  });
  const confirm = useAction(confirmMfaEnrolmentAction, feedback.callbacks);
  if (codes) return <RecoveryCodes codes={codes} onDone={() => router.refresh()} />;
  return (
    <form
      onChange={feedback.clearEdited}
      noValidate
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        confirm.execute({ code: String(new FormData(e.currentTarget).get('code') ?? '').trim() });
      }}
    >
      <Field
        id="mfa-confirm-code"
        name="code"
        label="Code from the app"
        error={feedback.fieldErrors.code}
      >
        {(p) => <Input {...p} autoComplete="one-time-code" inputMode="numeric" className="w-40" />}
      </Field>
      <Button type="submit" pending={confirm.isPending} pendingLabel="Checking…">
        Turn on
      </Button>
    </form>
  );
}

/** New recovery codes, or turning MFA off: both ask for the password again. */
export function MfaManageForms() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const regenFeedback = useActionFeedback<{ recoveryCodes: string[] }>({
    onSuccess: (d) => setCodes(d.recoveryCodes),
  });
  const regenerate = useAction(regenerateRecoveryCodesAction, regenFeedback.callbacks);
  const offFeedback = useActionFeedback({
    success: 'Two-step sign-in is off.',
    onSuccess: () => router.refresh(),
  });
  const disable = useAction(disableMfaAction, offFeedback.callbacks);
  const [intent, setIntent] = useState<'codes' | 'off'>('codes');
  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  const busy = regenerate.isPending || disable.isPending;
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const password = String(new FormData(e.currentTarget).get('password') ?? '');
        if (intent === 'codes') regenerate.execute({ password });
        else disable.execute({ password });
      }}
    >
      <Field
        id="mfa-password"
        name="password"
        label="Your password (needed for either change)"
        error={regenFeedback.fieldErrors.password ?? offFeedback.fieldErrors.password}
      >
        {(p) => (
          <Input {...p} type="password" autoComplete="current-password" className="max-w-xs" />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant="secondary"
          disabled={busy}
          onClick={() => setIntent('codes')}
        >
          Make new recovery codes
        </Button>
        <Button type="submit" variant="danger" disabled={busy} onClick={() => setIntent('off')}>
          Turn off two-step sign-in
        </Button>
      </div>
    </form>
  );
}
