'use client';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { FieldErrors } from '@/components/forms/use-action-feedback';
import { PATIENT_SEXES, SEX_LABELS } from '@/lib/patients/constants';
import { EARLIEST_DATE_OF_BIRTH, type PatientFormValues } from '@/lib/patients/schema';

export interface PatientFieldsProps {
  /** Prefixes the input ids, so two forms on one page never share an id. */
  idPrefix: string;
  values: PatientFormValues;
  errors: FieldErrors;
  onChange: (key: keyof PatientFormValues, value: string) => void;
  /** Today's date (YYYY-MM-DD) for the date picker's upper bound. */
  maxDate: string;
}

/** The patient's details, shared by the onboarding and edit forms. */
export function PatientFields({ idPrefix, values, errors, onChange, maxDate }: PatientFieldsProps) {
  const id = (key: keyof PatientFormValues) => `${idPrefix}-${key}`;
  const text = (key: keyof PatientFormValues) => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => onChange(key, e.target.value),
  });
  return (
    <div className="grid gap-x-4 gap-y-5 sm:grid-cols-2">
      <Field id={id('givenName')} name="givenName" label="Given name" error={errors.givenName}>
        {(p) => <Input {...p} {...text('givenName')} autoComplete="off" required />}
      </Field>
      <Field id={id('familyName')} name="familyName" label="Family name" error={errors.familyName}>
        {(p) => <Input {...p} {...text('familyName')} autoComplete="off" required />}
      </Field>
      <Field
        id={id('dateOfBirth')}
        name="dateOfBirth"
        label="Date of birth"
        error={errors.dateOfBirth}
      >
        {(p) => (
          <Input
            {...p}
            {...text('dateOfBirth')}
            type="date"
            min={EARLIEST_DATE_OF_BIRTH}
            max={maxDate}
            required
          />
        )}
      </Field>
      <Field id={id('sex')} name="sex" label="Sex" error={errors.sex}>
        {(p) => (
          <Select {...p} {...text('sex')} required placeholder="Choose…">
            {PATIENT_SEXES.map((s) => (
              <option key={s} value={s}>
                {SEX_LABELS[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id={id('phone')} name="phone" label="Phone" hint="Optional" error={errors.phone}>
        {(p) => <Input {...p} {...text('phone')} type="tel" autoComplete="off" />}
      </Field>
      <Field id={id('email')} name="email" label="Email" hint="Optional" error={errors.email}>
        {(p) => (
          <Input {...p} {...text('email')} type="email" autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field
        id={id('addressLine')}
        name="addressLine"
        label="Address"
        hint="Optional"
        error={errors.addressLine}
        className="sm:col-span-2"
      >
        {(p) => <Input {...p} {...text('addressLine')} autoComplete="off" />}
      </Field>
      <Field id={id('city')} name="city" label="City" hint="Optional" error={errors.city}>
        {(p) => <Input {...p} {...text('city')} autoComplete="off" />}
      </Field>
      <Field
        id={id('postalCode')}
        name="postalCode"
        label="Postal code"
        hint="Optional"
        error={errors.postalCode}
      >
        {(p) => <Input {...p} {...text('postalCode')} autoComplete="off" />}
      </Field>
      <Field
        id={id('portalEmail')}
        name="portalEmail"
        label="Patient portal account"
        hint="Optional. The email of an existing account the patient signs in with; leave empty for none."
        error={errors.portalEmail}
        className="sm:col-span-2"
      >
        {(p) => (
          <Input
            {...p}
            {...text('portalEmail')}
            type="email"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
    </div>
  );
}
