'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NewPasswordField } from '@/components/account/new-password-field';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { createUserAction } from '@/lib/control/actions/create-user';
import { disableUserAction } from '@/lib/control/actions/disable-user';
import { enableUserAction } from '@/lib/control/actions/enable-user';
import { createUserSchema } from '@/lib/control/user-schemas';

const EMPTY = { name: '', email: '', password: '' };

export function CreateUserForm() {
  const [values, setValues] = useState(EMPTY);
  const feedback = useActionFeedback<{ email: string }>({
    success: (user) => `User ${user.email} created. Add a membership so they can work in a clinic.`,
    onSuccess: () => setValues(EMPTY),
  });
  const create = useAction(createUserAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    // If the password dictionaries cannot be fetched, the server (which checks the same) decides.
    const valid = await feedback.validateAsync(createUserSchema, values).catch(() => true);
    if (valid) create.execute(values);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field id="user-name" label="Full name" error={errors.name}>
        {(p) => (
          <Input {...p} value={values.name} onChange={set('name')} autoComplete="off" required />
        )}
      </Field>
      <Field id="user-email" label="Email" error={errors.email}>
        {(p) => (
          <Input
            {...p}
            type="email"
            value={values.email}
            onChange={set('email')}
            autoComplete="off"
            spellCheck={false}
            required
          />
        )}
      </Field>
      <NewPasswordField
        id="user-password"
        label="Initial password"
        hint={`${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; easily guessed passwords are refused. Share it over a safe channel.`}
        value={values.password}
        onChange={(password) => setValues((v) => ({ ...v, password }))}
        error={errors.password}
      />
      <div className="flex items-start sm:pt-6">
        <Button type="submit" pending={create.isPending} pendingLabel="Creating…">
          Create user
        </Button>
      </div>
    </form>
  );
}

export function UserStatusButton({
  user,
}: {
  user: { id: string; name: string; disabled: boolean; isSelf: boolean };
}) {
  const disableFeedback = useActionFeedback({ success: `${user.name} disabled.` });
  const enableFeedback = useActionFeedback({ success: `${user.name} enabled.` });
  const disable = useAction(disableUserAction, disableFeedback.callbacks);
  const enable = useAction(enableUserAction, enableFeedback.callbacks);

  if (user.disabled) {
    return (
      <Button
        variant="secondary"
        size="sm"
        pending={enable.isPending}
        aria-label={`Enable ${user.name}`}
        onClick={() => enable.execute({ userId: user.id })}
      >
        Enable
      </Button>
    );
  }
  if (user.isSelf) {
    return <span className="text-xs text-slate-500">This is you</span>;
  }
  return (
    <ConfirmButton
      aria-label={`Disable ${user.name}`}
      title={`Disable ${user.name}?`}
      description={
        <p>
          They are signed out everywhere on their next request and cannot sign in until enabled
          again. Their memberships and records stay as they are.
        </p>
      }
      confirmLabel="Disable user"
      pending={disable.isPending}
      onConfirm={() => disable.execute({ userId: user.id })}
    >
      Disable
    </ConfirmButton>
  );
}
