'use client';
import { useState, type FormEvent } from 'react';
import type { SelectOption as Option } from '@/components/ui/select';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { inviteMemberAction } from '@/lib/control/team/actions/invite-member';
import { inviteMemberSchema, type InviteMemberInput } from '@/lib/control/team/schemas';

const EMPTY = { email: '', roleId: '' };

/** Invite by e-mail into the active clinic; `roles` are only those the admin may hand out. */
export function InviteMemberForm({ roles }: { roles: Option[] }) {
  const [values, setValues] = useState(EMPTY);
  const feedback = useActionFeedback({
    success: `Invitation sent to ${values.email}.`,
    onSuccess: () => setValues(EMPTY),
  });
  const invite = useClinicAction(inviteMemberAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!feedback.validate(inviteMemberSchema, values)) return;
    // The schema just accepted the role, so it is one of the clinic roles.
    invite.execute(values as InviteMemberInput);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-3">
      <Field id="invite-email" name="email" label="Email" error={errors.email}>
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
      <Field id="invite-role" name="roleId" label="Role" error={errors.roleId}>
        {(p) => (
          <Select
            {...p}
            value={values.roleId}
            onChange={set('roleId')}
            placeholder="Choose a role…"
            options={roles}
            required
          />
        )}
      </Field>
      <div className="flex items-start sm:pt-6">
        <Button type="submit" pending={invite.isPending} pendingLabel="Sending…">
          Send invitation
        </Button>
      </div>
    </form>
  );
}
