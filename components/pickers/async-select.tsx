'use client';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  components as rsComponents,
  type GroupBase,
  type InputProps,
  type StylesConfig,
} from 'react-select';
import AsyncSelectBase from 'react-select/async';
import { useDebouncedCallback } from 'use-debounce';

export const PICKER_DEBOUNCE_MS = 250;

export interface AsyncSelectProps<O> {
  /**
   * Stable across server and client renders (react-select derives its element ids from it; a
   * generated one would mismatch on hydration).
   */
  instanceId: string;
  /** The id of the text input, for `<label htmlFor>` (Field passes it as `id`). */
  inputId: string;
  /** Ids of the hint and error under the field, added to the input's own description. */
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  /** Fetches options for the typed text; aborted when the user types on. */
  load: (query: string, signal: AbortSignal) => Promise<O[]>;
  value: O | null;
  onChange: (value: O | null) => void;
  getOptionValue: (option: O) => string;
  getOptionLabel: (option: O) => string;
  /** Richer rendering of an option in the menu; the selected value uses getOptionLabel. */
  formatOptionLabel?: (option: O, meta: { context: 'menu' | 'value' }) => ReactNode;
  placeholder?: string;
  /** Characters to type before searching (0: search on open with an empty query). */
  minChars?: number;
  /** Load options for an empty query as soon as the picker mounts (small lists like staff). */
  preload?: boolean;
  /** What the menu says when nothing matches. */
  noMatchesText?: string;
  isDisabled?: boolean;
  isClearable?: boolean;
  debounceMs?: number;
}

type Callback<O> = (options: O[]) => void;

// Contrast: react-select's default greys (placeholder #808080, menu notices #999) fall below
// WCAG AA on white; slate-500 / slate-600 pass.
function stylesFor<O>(invalid: boolean): StylesConfig<O, false, GroupBase<O>> {
  return {
    control: (base, state) => ({
      ...base,
      minHeight: '2.375rem',
      borderRadius: '0.375rem',
      borderColor: invalid ? '#ef4444' : state.isFocused ? 'var(--color-brand-600)' : '#cbd5e1',
      boxShadow: state.isFocused
        ? `0 0 0 2px ${invalid ? 'rgb(239 68 68 / 0.4)' : 'color-mix(in oklch, var(--color-brand-600) 40%, transparent)'}`
        : 'none',
      '&:hover': { borderColor: invalid ? '#ef4444' : '#94a3b8' },
      fontSize: '0.875rem',
    }),
    placeholder: (base) => ({ ...base, color: '#64748b' }),
    input: (base) => ({ ...base, color: '#0f172a' }),
    singleValue: (base) => ({ ...base, color: '#0f172a' }),
    menu: (base) => ({ ...base, zIndex: 30, fontSize: '0.875rem' }),
    option: (base, state) => ({
      ...base,
      color: '#0f172a',
      backgroundColor: state.isSelected
        ? 'var(--color-brand-50)'
        : state.isFocused
          ? '#f1f5f9'
          : 'white',
      fontWeight: state.isSelected ? 600 : 400,
    }),
    noOptionsMessage: (base) => ({ ...base, color: '#475569' }),
    loadingMessage: (base) => ({ ...base, color: '#475569' }),
    indicatorSeparator: (base) => ({ ...base, backgroundColor: '#e2e8f0' }),
    dropdownIndicator: (base) => ({ ...base, color: '#64748b' }),
    clearIndicator: (base) => ({ ...base, color: '#64748b' }),
  };
}

/**
 * A debounced, keyboard-friendly typeahead over a GET route handler (never a server action:
 * actions from one client run one at a time, so typing would queue). Earlier requests are aborted
 * as the user types on, and a failed search says so in the menu instead of showing "no results".
 */
export function AsyncSelect<O>({
  instanceId,
  inputId,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
  load,
  value,
  onChange,
  getOptionValue,
  getOptionLabel,
  formatOptionLabel,
  placeholder = 'Type to search…',
  minChars = 1,
  preload = false,
  noMatchesText = 'No matches',
  isDisabled,
  isClearable = true,
  debounceMs = PICKER_DEBOUNCE_MS,
}: AsyncSelectProps<O>) {
  const inFlight = useRef<AbortController | null>(null);
  const [failed, setFailed] = useState(false);

  const search = useDebouncedCallback((query: string, callback: Callback<O>) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    load(query, controller.signal).then(
      (options) => {
        if (controller.signal.aborted) return;
        setFailed(false);
        callback(options);
      },
      () => {
        if (controller.signal.aborted) return;
        setFailed(true);
        callback([]);
      },
    );
  }, debounceMs);

  useEffect(
    () => () => {
      search.cancel();
      inFlight.current?.abort();
    },
    [search],
  );

  const loadOptions = useCallback(
    (query: string, callback: Callback<O>) => {
      if (query.trim().length < minChars) {
        search.cancel();
        inFlight.current?.abort();
        callback([]);
        return;
      }
      search(query.trim(), callback);
    },
    [minChars, search],
  );

  // react-select describes its input with its own placeholder / live region; keep that and add
  // the field's hint and error. Memoised: a new component type would remount the input.
  const components = useMemo(() => {
    function Input(props: InputProps<O, false, GroupBase<O>>) {
      const own = (props as { 'aria-describedby'?: string })['aria-describedby'];
      const ids = [own, describedBy].filter(Boolean).join(' ') || undefined;
      return <rsComponents.Input {...props} aria-describedby={ids} />;
    }
    return { Input };
  }, [describedBy]);

  const styles = useMemo(() => stylesFor<O>(Boolean(invalid)), [invalid]);

  return (
    <AsyncSelectBase<O, false>
      instanceId={instanceId}
      inputId={inputId}
      aria-invalid={invalid || undefined}
      components={components}
      styles={styles}
      classNamePrefix="picker"
      value={value}
      onChange={(option) => onChange(option ?? null)}
      loadOptions={loadOptions}
      defaultOptions={preload}
      cacheOptions={false}
      getOptionValue={getOptionValue}
      getOptionLabel={getOptionLabel}
      formatOptionLabel={formatOptionLabel}
      placeholder={placeholder}
      isDisabled={isDisabled}
      isClearable={isClearable}
      loadingMessage={() => 'Searching…'}
      noOptionsMessage={({ inputValue }) =>
        failed
          ? 'Search failed. Check your connection and type again.'
          : inputValue.trim().length < minChars
            ? minChars <= 1
              ? 'Start typing to search'
              : `Type at least ${minChars} characters`
            : noMatchesText
      }
    />
  );
}
