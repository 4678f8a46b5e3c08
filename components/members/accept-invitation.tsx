'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { useSessionSync } from '@/components/session/session-sync';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  loadPasswordEstimator,
} from '@/lib/auth/password-policy';
import { acceptInvitationAction } from '@/lib/control/team/actions/accept-invitation';
import { createAccountFromInvitationAction } from '@/lib/control/team/actions/create-account-from-invitation';
import { createAccountFromInvitationSchema } from '@/lib/control/team/schemas';

/**
 * A full page load after accepting: the new session (and its clinic) is what the next page is
 * rendered for, and other tabs hear of the change.
 */
function useGoTo() {
  const { announce } = useSessionSync();
  return (path: string) => {
    announce();
    window.location.assign(path);
  };
}

/** The signed-in invitee (the invited address) joins with one click. */
export function AcceptInvitationButton({
  token,
  clinicName,
}: {
  token: string;
  clinicName: string;
}) {
  const goTo = useGoTo();
  const feedback = useActionFeedback({ onSuccess: () => goTo('/') });
  const accept = useAction(acceptInvitationAction, feedback.callbacks);
  return (
    <Button
      pending={accept.isPending || accept.hasSucceeded}
      pendingLabel="Joining…"
      onClick={() => accept.execute({ token })}
    >
      Join {clinicName}
    </Button>
  );
}

/** A new person: name and password (the same policy as everywhere), then signed in. */
export function NewAccountForm({ token, email }: { token: string; email: string }) {
  const goTo = useGoTo();
  const [values, setValues] = useState({ name: '', password: '' });
  const feedback = useActionFeedback<{ redirectTo: string }>({
    onSuccess: (d) => goTo(d.redirectTo),
  });
  const create = useAction(createAccountFromInvitationAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const set = (key: 'name' | 'password') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { token, ...values };
    // If the password dictionaries cannot be fetched, the server (which checks the same) decides.
    const valid = await feedback
      .validateAsync(createAccountFromInvitationSchema, input)
      .catch(() => true);
    if (valid) create.execute(input);
  }

  return (
    <form onChange={feedback.clearEdited} onSubmit={submit} noValidate className="space-y-4">
      <Field id="invitee-email" label="Email">
        {(p) => <Input {...p} type="email" value={email} readOnly autoComplete="username" />}
      </Field>
      <Field id="invitee-name" name="name" label="Your name" error={errors.name}>
        {(p) => (
          <Input {...p} value={values.name} onChange={set('name')} autoComplete="name" required />
        )}
      </Field>
      <Field
        id="invitee-password"
        name="password"
        label="Password"
        hint={`${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; easily guessed passwords are refused. A few unrelated words work well.`}
        error={errors.password}
      >
        {(p) => (
          <Input
            {...p}
            type="password"
            value={values.password}
            onChange={set('password')}
            onFocus={() => loadPasswordEstimator().catch(() => {})}
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX_LENGTH * 2}
          />
        )}
      </Field>
      {errors.token && <p className="text-sm text-red-700">{errors.token}</p>}
      <Button
        type="submit"
        pending={create.isPending || create.hasSucceeded}
        pendingLabel="Creating your account…"
      >
        Create account and join
      </Button>
    </form>
  );
}
