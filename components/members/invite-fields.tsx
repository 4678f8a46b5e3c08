'use client';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select, type SelectOption } from '@/components/ui/select';

export interface InviteValues {
  email: string;
  roleId: string;
  clinicId?: string;
}

/**
 * The fields of an invitation, shared by the clinic admin's form (/members) and the operator's
 * (/admin/memberships, which also chooses the clinic).
 */
export function InviteFields({
  idPrefix,
  values,
  errors,
  onChange,
  roles,
  clinics,
}: {
  idPrefix: string;
  values: InviteValues;
  errors: Partial<Record<string, string>>;
  onChange: (key: keyof InviteValues, value: string) => void;
  roles: readonly SelectOption[];
  clinics?: readonly SelectOption[];
}) {
  return (
    <>
      <Field id={`${idPrefix}-email`} name="email" label="Email" error={errors.email}>
        {(p) => (
          <Input
            {...p}
            type="email"
            value={values.email}
            onChange={(e) => onChange('email', e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        )}
      </Field>
      {clinics && (
        <Field id={`${idPrefix}-clinic`} name="clinicId" label="Clinic" error={errors.clinicId}>
          {(p) => (
            <Select
              {...p}
              value={values.clinicId ?? ''}
              onChange={(e) => onChange('clinicId', e.target.value)}
              placeholder="Choose a clinic…"
              options={clinics}
              required
            />
          )}
        </Field>
      )}
      <Field id={`${idPrefix}-role`} name="roleId" label="Role" error={errors.roleId}>
        {(p) => (
          <Select
            {...p}
            value={values.roleId}
            onChange={(e) => onChange('roleId', e.target.value)}
            placeholder="Choose a role…"
            options={roles}
            required
          />
        )}
      </Field>
    </>
  );
}
