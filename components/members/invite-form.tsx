'use client';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { Button } from '@/components/ui/button';
import type { SelectOption } from '@/components/ui/select';
import { inviteMemberAction } from '@/lib/control/team/actions/invite-member';
import { inviteMemberSchema, type InviteMemberInput } from '@/lib/control/team/schemas';
import { InviteFields, type InviteValues } from './invite-fields';

const EMPTY = { email: '', roleId: '' };

/** Invite by e-mail into the active clinic; `roles` are only those the admin may hand out. */
export function InviteMemberForm({ roles }: { roles: SelectOption[] }) {
  const [values, setValues] = useState<InviteValues>(EMPTY);
  const feedback = useActionFeedback({
    success: `Invitation sent to ${values.email}.`,
    onSuccess: () => setValues(EMPTY),
  });
  const invite = useClinicAction(inviteMemberAction, feedback.callbacks);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!feedback.validate(inviteMemberSchema, values)) return;
    // The schema just accepted the role, so it is one of the clinic roles.
    invite.execute(values as InviteMemberInput);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-3"
    >
      <InviteFields
        idPrefix="invite"
        values={values}
        errors={feedback.fieldErrors}
        onChange={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
        roles={roles}
      />
      <div className="flex items-start sm:pt-6">
        <Button type="submit" pending={invite.isPending} pendingLabel="Sending…">
          Send invitation
        </Button>
      </div>
    </form>
  );
}
