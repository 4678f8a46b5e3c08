'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { inviteToClinicAction } from '@/lib/control/actions/invite-to-clinic';
import { inviteToClinicSchema, type InviteToClinicInput } from '@/lib/control/team/schemas';
import type { Option } from './types';

const EMPTY = { clinicId: '', email: '', roleId: '' };

/** An operator invites an address into any clinic: the same link and message a clinic admin sends. */
export function InviteToClinicForm({ clinics, roles }: { clinics: Option[]; roles: Option[] }) {
  const [values, setValues] = useState(EMPTY);
  const feedback = useActionFeedback({
    success: `Invitation sent to ${values.email}.`,
    onSuccess: () => setValues((v) => ({ ...v, email: '' })),
  });
  const invite = useAction(inviteToClinicAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!feedback.validate(inviteToClinicSchema, values)) return;
    // The schema just accepted the role, so it is one of the clinic roles.
    invite.execute(values as InviteToClinicInput);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Field id="operator-invite-email" name="email" label="Email" error={errors.email}>
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
      <Field id="operator-invite-clinic" name="clinicId" label="Clinic" error={errors.clinicId}>
        {(p) => (
          <Select
            {...p}
            value={values.clinicId}
            onChange={set('clinicId')}
            placeholder="Choose a clinic…"
            options={clinics}
            required
          />
        )}
      </Field>
      <Field id="operator-invite-role" name="roleId" label="Role" error={errors.roleId}>
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
