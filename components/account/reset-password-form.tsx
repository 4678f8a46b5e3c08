'use client';
import Link from 'next/link';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { resetPasswordAction } from '@/lib/auth/actions/reset-password';
import { NewPasswordField, newPasswordProblem } from './new-password-field';

/** Sets a new password through a reset link; then points to the sign-in page. */
export function ResetPasswordForm({
  token,
  person,
}: {
  token: string;
  person: { name: string; email: string };
}) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const feedback = useActionFeedback<{ email: string }>({ onSuccess: () => setDone(true) });
  const reset = useAction(resetPasswordAction, feedback.callbacks);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = await newPasswordProblem(password, person);
    if (problem) feedback.setFieldErrors({ password: problem });
    else reset.execute({ token, password });
  }

  if (done) {
    return (
      <div role="status" className="mt-6 space-y-3 text-sm text-slate-800">
        <p>Your password is changed, and every session of your account was signed out.</p>
        <Link href="/login" className="font-medium text-brand-700 underline">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  return (
    <form onChange={feedback.clearEdited} onSubmit={submit} noValidate className="mt-6 space-y-4">
      {/* For password managers: which account the new password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={person.email} />
      <NewPasswordField
        id="password"
        label="New password"
        value={password}
        onChange={setPassword}
        error={feedback.fieldErrors.password}
      />
      <Button type="submit" className="w-full" pending={reset.isPending} pendingLabel="Saving…">
        Set new password
      </Button>
    </form>
  );
}
