'use client';
import Select, { type StylesConfig } from 'react-select';

interface Option {
  value: string;
  label: string;
}

export interface TimezoneComboboxProps {
  /** Also the react-select instance id, so server and client render the same ids. */
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** The IANA zones to offer, from the server (so server and browser agree on the list). */
  timezones: readonly string[];
  invalid?: boolean;
  /** The id of the error message element, when there is one. */
  errorId?: string;
  disabled?: boolean;
}

// Colours chosen for WCAG AA contrast on white (react-select's default grey placeholder is not).
const styles: StylesConfig<Option, false> = {
  control: (base, state) => ({
    ...base,
    minHeight: '2.375rem',
    borderRadius: '0.375rem',
    borderColor: state.isFocused ? 'var(--color-brand-600, #1b7f86)' : '#cbd5e1',
    boxShadow: state.isFocused ? '0 0 0 2px var(--color-brand-600, #1b7f86)' : 'none',
    fontSize: '0.875rem',
  }),
  placeholder: (base) => ({ ...base, color: '#475569' }),
  singleValue: (base) => ({ ...base, color: '#0f172a' }),
  input: (base) => ({ ...base, color: '#0f172a' }),
  menu: (base) => ({ ...base, zIndex: 20, fontSize: '0.875rem' }),
  option: (base, state) => ({
    ...base,
    color: state.isSelected ? '#ffffff' : '#0f172a',
    backgroundColor: state.isSelected
      ? 'var(--color-brand-700, #0f6b73)'
      : state.isFocused
        ? '#e2e8f0'
        : '#ffffff',
  }),
  noOptionsMessage: (base) => ({ ...base, color: '#475569' }),
};

const label = (tz: string) => tz.replaceAll('_', ' ');

/**
 * A searchable timezone select: type part of a zone or city ("york", "Berlin") to narrow the list.
 * Labelled by the surrounding <label for={id}> through `inputId`.
 */
export function TimezoneCombobox({
  id,
  name,
  value,
  onChange,
  timezones,
  invalid,
  errorId,
  disabled,
}: TimezoneComboboxProps) {
  const options = timezones.map((tz) => ({ value: tz, label: label(tz) }));
  const selected = options.find((o) => o.value === value) ?? { value, label: label(value) };
  return (
    <Select<Option, false>
      instanceId={id}
      inputId={id}
      name={name}
      options={options}
      value={selected}
      onChange={(option) => option && onChange(option.value)}
      isDisabled={disabled}
      aria-invalid={invalid || undefined}
      aria-errormessage={invalid ? errorId : undefined}
      styles={styles}
      noOptionsMessage={() => 'No matching timezone'}
      placeholder="Search timezones…"
    />
  );
}
