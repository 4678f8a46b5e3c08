'use client';
import { useState, type FormEvent } from 'react';
import type { SelectOption as Option } from '@/components/ui/select';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Select } from '@/components/ui/select';
import type { ClinicRole } from '@/lib/auth/permissions';
import { changeMemberRoleAction } from '@/lib/control/team/actions/change-member-role';
import { removeMemberAction } from '@/lib/control/team/actions/remove-member';

interface MemberView {
  membershipId: string;
  name: string;
  roleId: string;
}

/** A member's role select, saved with its own button (no save-on-change). */
export function MemberRoleForm({ member, roles }: { member: MemberView; roles: Option[] }) {
  const [roleId, setRoleId] = useState(member.roleId);
  const feedback = useActionFeedback<{ roleId: string }>({
    success: (d) =>
      `${member.name} is now ${roles.find((r) => r.value === d.roleId)?.label ?? d.roleId}.`,
  });
  const change = useClinicAction(changeMemberRoleAction, feedback.callbacks);
  const id = `member-role-${member.membershipId}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    change.execute({ membershipId: member.membershipId, roleId: roleId as ClinicRole });
  }

  return (
    <form onSubmit={submit} className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Role of {member.name}
      </label>
      <Select
        id={id}
        value={roleId}
        onChange={(e) => setRoleId(e.target.value)}
        options={roles}
        className="w-36 py-1.5"
      />
      <Button
        type="submit"
        variant="secondary"
        size="sm"
        disabled={roleId === member.roleId}
        pending={change.isPending}
        aria-label={`Save the role of ${member.name}`}
      >
        Save
      </Button>
    </form>
  );
}

export function RemoveMemberButton({
  member,
  clinicName,
}: {
  member: MemberView;
  clinicName: string;
}) {
  const feedback = useActionFeedback({ success: `${member.name} removed from ${clinicName}.` });
  const remove = useClinicAction(removeMemberAction, feedback.callbacks);
  return (
    <ConfirmButton
      aria-label={`Remove ${member.name} from ${clinicName}`}
      title={`Remove ${member.name} from ${clinicName}?`}
      description={
        <p>
          Their next request in {clinicName} takes them back to the clinic chooser. Their account
          and their other clinics stay as they are.
        </p>
      }
      confirmLabel={`Remove ${member.name}`}
      cancelLabel={`Keep ${member.name}`}
      pending={remove.isPending}
      onConfirm={() => remove.execute({ membershipId: member.membershipId })}
    >
      Remove
    </ConfirmButton>
  );
}
