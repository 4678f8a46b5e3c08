'use client';
import { useAction } from 'next-safe-action/hooks';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { changePasswordAction } from '@/lib/auth/actions/change-password';
import { NewPasswordField, newPasswordProblem } from './new-password-field';

const EMPTY = { currentPassword: '', newPassword: '' };

export function ChangePasswordForm({ person }: { person: { name: string; email: string } }) {
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const feedback = useActionFeedback<{ otherSessionsEnded: number }>({
    success: ({ otherSessionsEnded: n }) =>
      `Password changed. ${n === 1 ? '1 other session was' : `${n} other sessions were`} signed out.`,
    onSuccess: () => {
      setValues(EMPTY);
      // The session list below shows the others gone.
      router.refresh();
    },
  });
  const change = useAction(changePasswordAction, feedback.callbacks);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = await newPasswordProblem(values.newPassword, person);
    if (problem) feedback.setFieldErrors({ newPassword: problem });
    else change.execute(values);
  }

  return (
    <form onChange={feedback.clearEdited} onSubmit={submit} noValidate className="space-y-4">
      <input type="hidden" name="username" autoComplete="username" value={person.email} />
      <Field
        id="current-password"
        label="Current password"
        error={feedback.fieldErrors.currentPassword}
      >
        {(p) => (
          <Input
            {...p}
            type="password"
            value={values.currentPassword}
            onChange={(e) => setValues((v) => ({ ...v, currentPassword: e.target.value }))}
            autoComplete="current-password"
            required
          />
        )}
      </Field>
      <NewPasswordField
        id="new-password"
        label="New password"
        value={values.newPassword}
        onChange={(newPassword) => setValues((v) => ({ ...v, newPassword }))}
        error={feedback.fieldErrors.newPassword}
      />
      <Button type="submit" pending={change.isPending} pendingLabel="Changing…">
        Change password
      </Button>
    </form>
  );
}
