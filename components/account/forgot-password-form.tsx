'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { requestPasswordResetSchema } from '@/lib/auth/account-schemas';
import { requestPasswordResetAction } from '@/lib/auth/actions/request-password-reset';

/** Asks for a reset link; the answer shown is the server's, the same for every address. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const feedback = useActionFeedback<{ message: string }>({
    onSuccess: (data) => setAnswer(data.message),
  });
  const request = useAction(requestPasswordResetAction, feedback.callbacks);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (feedback.validate(requestPasswordResetSchema, { email })) request.execute({ email });
  }

  if (answer) {
    return (
      <p role="status" className="mt-6 rounded-md bg-brand-50 px-3 py-3 text-sm text-slate-800">
        {answer}
      </p>
    );
  }
  return (
    <form onChange={feedback.clearEdited} onSubmit={submit} noValidate className="mt-6 space-y-4">
      <Field id="email" label="Email" error={feedback.fieldErrors.email}>
        {(p) => (
          <Input
            {...p}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            spellCheck={false}
            required
            autoFocus
          />
        )}
      </Field>
      <Button type="submit" className="w-full" pending={request.isPending} pendingLabel="Sending…">
        Send me a link
      </Button>
    </form>
  );
}
