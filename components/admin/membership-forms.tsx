'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { addMembershipAction } from '@/lib/control/actions/add-membership';
import { changeMembershipRoleAction } from '@/lib/control/actions/change-membership-role';
import { removeMembershipAction } from '@/lib/control/actions/remove-membership';
import type { ClinicRole } from '@/lib/auth/permissions';
import { addMembershipSchema, type AddMembershipInput } from '@/lib/control/schemas';
import type { MembershipDto, Option } from './types';

export function AddMembershipForm({
  users,
  clinics,
  roles,
}: {
  users: Option[];
  clinics: Option[];
  roles: Option[];
}) {
  const [values, setValues] = useState({ userId: '', clinicId: '', roleId: '' });
  const feedback = useActionFeedback({
    success: 'Membership added.',
    onSuccess: () => setValues((v) => ({ ...v, userId: '' })),
  });
  const add = useAction(addMembershipAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!feedback.validate(addMembershipSchema, values)) return;
    // The schema just accepted the role id, so it is one of the clinic roles.
    add.execute(values as AddMembershipInput);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field id="membership-user" name="userId" label="User" error={errors.userId}>
        {(p) => (
          <Select
            {...p}
            value={values.userId}
            onChange={set('userId')}
            placeholder="Choose a user…"
            options={users}
            required
          />
        )}
      </Field>
      <Field id="membership-clinic" name="clinicId" label="Clinic" error={errors.clinicId}>
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
      <Field id="membership-role" name="roleId" label="Role" error={errors.roleId}>
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
        <Button type="submit" pending={add.isPending} pendingLabel="Adding…">
          Add membership
        </Button>
      </div>
    </form>
  );
}

/** The role select of one membership row, saved with its own button (no save-on-change). */
export function MembershipRoleForm({
  membership,
  roles,
}: {
  membership: MembershipDto;
  roles: Option[];
}) {
  const [roleId, setRoleId] = useState(membership.roleId);
  const feedback = useActionFeedback<{ roleId: string }>({
    success: (d) =>
      `${membership.userName} is now ${roles.find((r) => r.value === d.roleId)?.label ?? d.roleId} in ${membership.clinicName}.`,
  });
  const change = useAction(changeMembershipRoleAction, feedback.callbacks);
  const id = `role-${membership.id}`;
  const dirty = roleId !== membership.roleId;

  function submit(e: FormEvent) {
    e.preventDefault();
    change.execute({ membershipId: membership.id, roleId: roleId as ClinicRole });
  }

  return (
    <form onChange={feedback.clearEdited} onSubmit={submit} className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Role of {membership.userName} in {membership.clinicName}
      </label>
      <Select
        id={id}
        value={roleId}
        onChange={(e) => setRoleId(e.target.value)}
        options={roles}
        className="w-40 py-1.5"
        aria-invalid={feedback.fieldErrors.roleId ? true : undefined}
      />
      <Button
        type="submit"
        variant="secondary"
        size="sm"
        disabled={!dirty}
        pending={change.isPending}
        aria-label={`Save role of ${membership.userName} in ${membership.clinicName}`}
      >
        Save
      </Button>
    </form>
  );
}

export function RemoveMembershipButton({ membership }: { membership: MembershipDto }) {
  const feedback = useActionFeedback({
    success: `${membership.userName} removed from ${membership.clinicName}.`,
  });
  const remove = useAction(removeMembershipAction, feedback.callbacks);
  return (
    <ConfirmButton
      aria-label={`Remove ${membership.userName} from ${membership.clinicName}`}
      title={`Remove ${membership.userName} from ${membership.clinicName}?`}
      description={
        <p>
          They lose access to this clinic on their next request. A practitioner who still has
          appointments there cannot be removed; change their role instead.
        </p>
      }
      confirmLabel="Remove"
      pending={remove.isPending}
      onConfirm={() => remove.execute({ membershipId: membership.id })}
    >
      Remove
    </ConfirmButton>
  );
}
