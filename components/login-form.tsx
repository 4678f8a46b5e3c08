'use client';
import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { useAction } from 'next-safe-action/hooks';
import { signInAction } from '@/lib/auth/actions/sign-in';
import { useSessionSync } from '@/components/session/session-sync';

const noSubscription = () => () => {};

/** False in the server HTML and during hydration, true once React handles events. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const { announce } = useSessionSync();
  const { execute, result, isPending, hasSucceeded } = useAction(signInAction, {
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
  const fieldError = (field: 'email' | 'password') =>
    result.validationErrors?.[field]?._errors?.[0];

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
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-invalid={Boolean(fieldError('email'))}
          aria-describedby={fieldError('email') ? 'email-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        />
        {fieldError('email') && (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {fieldError('email')}
          </p>
        )}
      </div>
      <div>
        <div className="flex items-baseline justify-between gap-2">
          <label htmlFor="password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <Link href="/forgot-password" className="text-sm font-medium text-brand-700 underline">
            Forgot password?
          </Link>
        </div>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(fieldError('password'))}
          aria-describedby={fieldError('password') ? 'password-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        />
        {fieldError('password') && (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {fieldError('password')}
          </p>
        )}
      </div>
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
