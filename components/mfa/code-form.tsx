'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { useSessionSync } from '@/components/session/session-sync';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { verifyMfaAction } from '@/lib/auth/actions/verify-mfa';

/** The code step's form: a TOTP code or a recovery code, then a full load of where to go. */
export function MfaCodeForm({ callbackUrl }: { callbackUrl?: string }) {
  const { announce } = useSessionSync();
  // Once the code is edited, the error about the previous one goes.
  const [edited, setEdited] = useState(false);
  const { execute, result, isPending, hasSucceeded } = useAction(verifyMfaAction, {
    onExecute: () => setEdited(false),
    onSuccess: ({ data }) => {
      if (!data) return;
      announce();
      window.location.assign(data.redirectTo);
    },
  });
  const busy = isPending || hasSucceeded;
  const fieldError = edited ? undefined : result.validationErrors?.code?._errors?.[0];
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
      <Field id="mfa-code" name="code" label="Code" error={fieldError}>
        {(p) => (
          <Input
            {...p}
            autoComplete="one-time-code"
            autoFocus
            required
            spellCheck={false}
            onChange={() => setEdited(true)}
          />
        )}
      </Field>
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
