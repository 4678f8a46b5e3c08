/**
 * What each setting's field tells the user, read from the setting's own zod schema in the catalog,
 * so the hint and the check can never disagree: the clinic settings page and the control plane's
 * setting definitions both show these. Plain zod with no server imports.
 */
import { z } from 'zod';
import { formatWallTime } from '@/lib/dates/format';
import { SETTING_SCHEMAS, type SettingKey } from './catalog';

/** The bounds and choices a setting's schema enforces. */
export interface SettingLimits {
  /** Smallest and largest number (integer settings). */
  min?: number;
  max?: number;
  /** Longest text (text settings). */
  maxLength?: number;
  /** The only values allowed (a choice such as `time_format`). */
  options?: readonly string[];
}

const finite = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? undefined : n;

export function settingLimits(key: SettingKey): SettingLimits {
  const schema: z.ZodType = SETTING_SCHEMAS[key];
  if (schema instanceof z.ZodNumber)
    return { min: finite(schema.minValue), max: finite(schema.maxValue) };
  if (schema instanceof z.ZodString) return { maxLength: finite(schema.maxLength) };
  if (schema instanceof z.ZodEnum) return { options: schema.options.map(String) };
  return {};
}

/** Why a setting is what it is, where its schema alone cannot say it. */
const NOTES: Partial<Record<SettingKey, string>> = {
  display_name: 'Leave empty to show the clinic’s registered name.',
  mrn_prefix: 'Capital letters, digits or dashes. Applies to new patients only.',
  timezone: 'Type to search, e.g. “New York” or “Berlin”.',
  require_mfa: 'Staff without two-step sign-in are sent to set it up before they can enter.',
  time_format: 'How times show across the clinic’s pages and prints.',
  working_hours: 'For example Mon-Fri 08:00-18:00.',
};

const UNITS: Partial<Record<SettingKey, string>> = {
  export_retention_days: 'days',
  slot_minutes: 'minutes',
};

// Plain digits, as the schemas' own messages write them ("At most 3650 days").
const number = (n: number) => String(n);

/** How a choice reads in its select; a value without a label shows as itself. */
const OPTION_LABELS: Record<string, string> = {
  '24h': `24-hour (${formatWallTime('14:30', '24h')})`,
  '12h': `12-hour (${formatWallTime('14:30', '12h')})`,
};

/** The choices of a setting that is one of a fixed list, for a select; undefined otherwise. */
export function settingOptions(key: SettingKey): { value: string; label: string }[] | undefined {
  return settingLimits(key).options?.map((value) => ({
    value,
    label: OPTION_LABELS[value] ?? value,
  }));
}

/** The hint under a setting's field: its limits (from the schema), then any note. */
export function settingHint(key: SettingKey): string | undefined {
  const { min, max, maxLength } = settingLimits(key);
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) {
    const unit = UNITS[key] ? ` of ${UNITS[key]}` : '';
    parts.push(`A whole number${unit}, ${number(min)} to ${number(max)}.`);
  } else if (maxLength !== undefined) {
    parts.push(`Up to ${number(maxLength)} characters.`);
  }
  if (NOTES[key]) parts.push(NOTES[key]);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
