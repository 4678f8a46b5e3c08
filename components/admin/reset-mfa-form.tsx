'use client';
import { useAction } from 'next-safe-action/hooks';
import { type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { resetUserMfaAction } from '@/lib/control/actions/reset-user-mfa';
import { resetUserMfaSchema } from '@/lib/auth/mfa/schemas';

/**
 * "On", and for another user a reset behind a disclosure: a reason is required (it goes to the
 * system log). The user's sessions end and they are told by e-mail.
 */
export function ResetMfaForm({ user }: { user: { id: string; name: string; isSelf: boolean } }) {
  const feedback = useActionFeedback({
    success: `Two-step sign-in of ${user.name} reset. They were signed out and told by e-mail.`,
  });
  const reset = useAction(resetUserMfaAction, feedback.callbacks);
  if (user.isSelf) return <span>On</span>;
  const id = `mfa-reason-${user.id}`;
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = {
      userId: user.id,
      reason: String(new FormData(e.currentTarget).get('reason') ?? ''),
    };
    if (feedback.validate(resetUserMfaSchema, input)) reset.execute(input);
  }
  return (
    <details>
      <summary className="cursor-pointer text-sm">
        On<span className="sr-only"> for {user.name}</span>: reset…
      </summary>
      <form
        onChange={feedback.clearEdited}
        noValidate
        onSubmit={submit}
        className="mt-2 w-56 space-y-2"
      >
        <Field
          id={id}
          name="reason"
          label="Reason (kept in the system log)"
          error={feedback.fieldErrors.reason}
        >
          {(p) => <Input {...p} autoComplete="off" />}
        </Field>
        <Button
          type="submit"
          size="sm"
          variant="danger"
          pending={reset.isPending}
          pendingLabel="Resetting…"
        >
          Reset two-step sign-in
        </Button>
      </form>
    </details>
  );
}
