'use client';
import { useAction } from 'next-safe-action/hooks';
import { useSessionSync } from '@/components/session/session-sync';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { verifyMfaAction } from '@/lib/auth/actions/verify-mfa';

/** The code step's form: a TOTP code or a recovery code, then a full load of where to go. */
export function MfaCodeForm({ callbackUrl }: { callbackUrl?: string }) {
  const { announce } = useSessionSync();
  const { execute, result, isPending, hasSucceeded } = useAction(verifyMfaAction, {
    onSuccess: ({ data }) => {
      if (!data) return;
      announce();
      window.location.assign(data.redirectTo);
    },
  });
  const busy = isPending || hasSucceeded;
  const fieldError = result.validationErrors?.code?._errors?.[0];
  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        execute({ code: String(form.get('code') ?? ''), callbackUrl });
      }}
    >
      <div>
        <label htmlFor="mfa-code" className="block text-sm font-medium text-slate-700">
          Code
        </label>
        <Input
          id="mfa-code"
          name="code"
          autoComplete="one-time-code"
          autoFocus
          required
          spellCheck={false}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'mfa-code-error' : undefined}
          className="mt-1"
        />
        {fieldError && (
          <p id="mfa-code-error" className="mt-1 text-sm text-red-700">
            {fieldError}
          </p>
        )}
      </div>
      {result.serverError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.serverError}
        </p>
      )}
      <Button
        type="submit"
        className="w-full"
        disabled={busy}
        pending={busy}
        pendingLabel="Checking…"
      >
        Continue
      </Button>
    </form>
  );
}
