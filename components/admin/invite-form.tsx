'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { InviteFields, type InviteValues } from '@/components/members/invite-fields';
import { Button } from '@/components/ui/button';
import { inviteToClinicAction } from '@/lib/control/actions/invite-to-clinic';
import { inviteToClinicSchema, type InviteToClinicInput } from '@/lib/control/team/schemas';
import type { Option } from './types';

const EMPTY = { clinicId: '', email: '', roleId: '' };

/** An operator invites an address into any clinic: the same link and message a clinic admin sends. */
export function InviteToClinicForm({ clinics, roles }: { clinics: Option[]; roles: Option[] }) {
  const [values, setValues] = useState<InviteValues>(EMPTY);
  const feedback = useActionFeedback({
    success: `Invitation sent to ${values.email}.`,
    onSuccess: () => setValues((v) => ({ ...v, email: '' })),
  });
  const invite = useAction(inviteToClinicAction, feedback.callbacks);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!feedback.validate(inviteToClinicSchema, values)) return;
    // The schema just accepted the values, so the role is one of the clinic roles.
    invite.execute(values as InviteToClinicInput);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <InviteFields
        idPrefix="operator-invite"
        values={values}
        errors={feedback.fieldErrors}
        onChange={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
        roles={roles}
        clinics={clinics}
      />
      <div className="flex items-start sm:pt-6">
        <Button type="submit" pending={invite.isPending} pendingLabel="Sending…">
          Send invitation
        </Button>
      </div>
    </form>
  );
}
