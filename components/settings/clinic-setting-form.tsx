'use client';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { resetSettingAction } from '@/lib/actions/settings/reset-setting';
import { updateSettingAction } from '@/lib/actions/settings/update-setting';
import type { SettingKey } from '@/lib/settings/catalog';
import { updateSettingSchema } from '@/lib/settings/input';
import { settingHint, settingOptions } from '@/lib/settings/hints';
import type { SettingType } from '@/lib/settings/value';
import { TimezoneCombobox } from './timezone-combobox';

/** What the settings page hands each row (a DTO: strings and booleans only). */
export interface ClinicSettingView {
  key: SettingKey;
  label: string;
  description: string;
  type: SettingType;
  value: string;
  defaultValue: string;
  source: 'system' | 'clinic';
  overridable: boolean;
}

/**
 * One clinic setting: its effective value as an editable field, where it comes from, the default
 * beside an override, and "Reset to default". Errors show next to the field; everything else is a
 * toast.
 */
export function ClinicSettingForm({
  setting,
  timezones,
}: {
  setting: ClinicSettingView;
  timezones: readonly string[];
}) {
  const [value, setValue] = useState(setting.value);
  const feedback = useActionFeedback({ success: `“${setting.label}” saved.` });
  const save = useClinicAction(updateSettingAction, feedback.callbacks);
  const resetFeedback = useActionFeedback({
    success: `“${setting.label}” is back to the system default.`,
  });
  const reset = useClinicAction(resetSettingAction, resetFeedback.callbacks);
  const id = `setting-${setting.key}`;
  const dirty = value !== setting.value;
  const busy = save.isPending || reset.isPending;
  const options = settingOptions(setting.key);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = { key: setting.key, value };
    if (feedback.validate(updateSettingSchema, input)) save.execute(input);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="space-y-3"
      data-testid={`${id}-form`}
    >
      <Field
        id={id}
        name="value"
        label={setting.label}
        srOnlyLabel
        hint={settingHint(setting.key)}
        error={feedback.fieldErrors.value}
      >
        {(p) =>
          setting.type === 'boolean' ? (
            // A switch, not a text field: the stored value is "true" or "false".
            <Checkbox
              id={p.id}
              name={p.name}
              aria-describedby={p['aria-describedby']}
              label="On"
              checked={value === 'true'}
              onChange={(e) => setValue(e.target.checked ? 'true' : 'false')}
              disabled={busy}
            />
          ) : setting.type === 'timezone' ? (
            <TimezoneCombobox
              id={p.id}
              name={p.name}
              value={value}
              onChange={setValue}
              timezones={timezones}
              invalid={p['aria-invalid']}
              errorId={feedback.fieldErrors.value ? `${id}-error` : undefined}
              disabled={busy}
            />
          ) : options ? (
            <Select
              {...p}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              options={options}
              disabled={busy}
            />
          ) : (
            <Input
              {...p}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              inputMode={setting.type === 'integer' ? 'numeric' : undefined}
              autoComplete="off"
              disabled={busy}
            />
          )
        }
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="submit"
          size="sm"
          disabled={!dirty || busy}
          pending={save.isPending}
          pendingLabel="Saving…"
          aria-label={`Save ${setting.label}`}
        >
          Save
        </Button>
        {dirty && !busy && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setValue(setting.value);
              feedback.setFieldErrors({});
            }}
          >
            Undo changes
          </Button>
        )}
        {setting.source === 'clinic' && (
          <Button
            size="sm"
            variant="secondary"
            disabled={busy}
            pending={reset.isPending}
            pendingLabel="Resetting…"
            aria-label={`Reset ${setting.label} to default`}
            onClick={() => reset.execute({ key: setting.key })}
          >
            Reset to default
          </Button>
        )}
      </div>
    </form>
  );
}
