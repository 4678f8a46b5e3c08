'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useAction } from 'next-safe-action/hooks';
import { signInAction } from '@/lib/auth/actions/sign-in';
import { useSessionSync } from '@/components/session/session-sync';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useHydrated } from '@/components/ui/use-hydrated';

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const { announce } = useSessionSync();
  type SignInField = 'email' | 'password';
  // Fields edited since the last attempt: their error is about the old value, so it goes.
  const [edits, setEdits] = useState<ReadonlySet<SignInField>>(new Set());
  const edited = (field: SignInField) =>
    setEdits((current) => (current.has(field) ? current : new Set(current).add(field)));
  const { execute, result, isPending, hasSucceeded } = useAction(signInAction, {
    onExecute: () => setEdits(new Set()),
    // A full page load: the middleware then routes the new session (clinic home, or the clinic
    // chooser for a user of several clinics) and no client state from before sign-in survives.
    onSuccess: ({ data }) => {
      if (!data) return;
      announce();
      window.location.assign(data.redirectTo);
    },
  });
  const busy = isPending || hasSucceeded;
  // Before hydration the form would submit natively, as a GET with the password in the URL; a
  // disabled submit button also blocks submitting with Enter.
  const hydrated = useHydrated();
  const fieldError = (field: SignInField) =>
    edits.has(field) ? undefined : result.validationErrors?.[field]?._errors?.[0];

  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        execute({
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
          callbackUrl,
        });
      }}
      noValidate
    >
      <Field id="email" label="Email" error={fieldError('email')}>
        {(p) => (
          <Input
            {...p}
            type="email"
            autoComplete="username"
            required
            autoFocus
            onChange={() => edited('email')}
          />
        )}
      </Field>
      <Field
        id="password"
        label="Password"
        labelAside={
          <Link href="/forgot-password" className="text-sm font-medium text-brand-700 underline">
            Forgot password?
          </Link>
        }
        error={fieldError('password')}
      >
        {(p) => (
          <Input
            {...p}
            type="password"
            autoComplete="current-password"
            required
            onChange={() => edited('password')}
          />
        )}
      </Field>
      {result.serverError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.serverError}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || !hydrated}
        className="w-full rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60"
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
