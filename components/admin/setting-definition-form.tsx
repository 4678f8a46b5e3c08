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
import { isSettingKey } from '@/lib/settings/catalog';
import { settingHint, settingOptions } from '@/lib/settings/hints';
import { SETTING_INTEGER_MAX, SETTING_INTEGER_MIN, SETTING_STRING_MAX } from '@/lib/settings/value';
import type { SettingDefinitionDto } from './types';

/** For a setting the code does not know: the checks of its type (lib/settings/value.ts). */
const TYPE_HINT: Record<SettingDefinitionDto['type'], string> = {
  string: `Text, up to ${SETTING_STRING_MAX} characters.`,
  integer: `A whole number from ${SETTING_INTEGER_MIN} to ${SETTING_INTEGER_MAX.toLocaleString('en')}.`,
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
  // A setting the code knows is hinted (and checked) by its own schema, as on the clinic's page.
  const known = isSettingKey(definition.key) ? definition.key : null;
  const hint = (known && settingHint(known)) ?? TYPE_HINT[definition.type];
  const options = known ? settingOptions(known) : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = { key: definition.key, value, clinicOverridable: overridable };
    if (feedback.validate(updateSettingDefinitionSchema, input)) save.execute(input);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start"
    >
      <Field
        id={`${base}-value`}
        name="value"
        label="Default value"
        hint={hint}
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
          ) : options ? (
            <Select
              {...p}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              options={options}
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
