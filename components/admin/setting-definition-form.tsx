'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { updateSettingDefinitionAction } from '@/lib/control/actions/update-setting-definition';
import { updateSettingDefinitionSchema } from '@/lib/control/schemas';
import type { SettingDefinitionDto } from './types';

const TYPE_HINT: Record<SettingDefinitionDto['type'], string> = {
  string: 'Text, up to 200 characters.',
  integer: 'A whole number from 0 to 1,000,000.',
  timezone: 'An IANA timezone.',
  boolean: 'On or off: true or false.',
};

export function SettingDefinitionForm({
  definition,
  timezones,
}: {
  definition: SettingDefinitionDto;
  timezones: readonly string[];
}) {
  const [value, setValue] = useState(definition.defaultValue);
  const [overridable, setOverridable] = useState(definition.clinicOverridable);
  const feedback = useActionFeedback({ success: `“${definition.label}” saved.` });
  const save = useAction(updateSettingDefinitionAction, feedback.callbacks);
  const dirty = value !== definition.defaultValue || overridable !== definition.clinicOverridable;
  const base = `setting-${definition.key}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = { key: definition.key, value, clinicOverridable: overridable };
    if (feedback.validate(updateSettingDefinitionSchema, input)) save.execute(input);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start"
    >
      <Field
        id={`${base}-value`}
        name="value"
        label="Default value"
        hint={TYPE_HINT[definition.type]}
        error={feedback.fieldErrors.value}
      >
        {(p) =>
          definition.type === 'timezone' ? (
            <Select
              {...p}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              options={timezones.map((tz) => ({ value: tz, label: tz.replaceAll('_', ' ') }))}
            />
          ) : (
            <Input
              {...p}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              inputMode={definition.type === 'integer' ? 'numeric' : undefined}
              autoComplete="off"
            />
          )
        }
      </Field>
      <Checkbox
        id={`${base}-overridable`}
        name="clinicOverridable"
        className="md:pt-7"
        label="Clinics may override"
        description="Clinic admins can set their own value in their clinic settings."
        checked={overridable}
        onChange={(e) => setOverridable(e.target.checked)}
      />
      <div className="md:pt-6">
        <Button
          type="submit"
          variant="secondary"
          disabled={!dirty}
          pending={save.isPending}
          pendingLabel="Saving…"
          aria-label={`Save ${definition.label}`}
        >
          Save
        </Button>
      </div>
    </form>
  );
}
