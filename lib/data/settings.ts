import 'server-only';
import type { ClinicContext } from '@/lib/auth/context';
import { clinicSettings } from '@/lib/auth/request-reads';
import type { SettingKey } from '@/lib/settings/catalog';
import { SETTING_KEYS } from '@/lib/settings/input';
import { resolveSettings, type SettingSource } from '@/lib/settings/resolve';
import { formatSettingValue, type SettingType } from '@/lib/settings/value';

/** One setting as the settings page shows it: values as form text, plus where the value came from. */
export interface ClinicSettingDto {
  key: SettingKey;
  label: string;
  description: string;
  type: SettingType;
  /** The effective value. */
  value: string;
  /** The system default, shown next to an override. */
  defaultValue: string;
  source: SettingSource;
  /** False: the system decides the value and clinics cannot change it. */
  overridable: boolean;
}

/** Every setting of the active clinic with its effective value and source, in one transaction. */
export async function loadClinicSettings(
  ctx: Pick<ClinicContext, 'db'>,
): Promise<ClinicSettingDto[]> {
  const settings = await ctx.db.read((t) => resolveSettings(t));
  // The catalogue's order (display name, timezone, MRN prefix, exports), not the keys' A–Z.
  const order = (key: SettingKey) => SETTING_KEYS.indexOf(key);
  return [...settings]
    .sort((x, y) => order(x.key) - order(y.key))
    .map((s) => ({
      key: s.key,
      label: s.label,
      description: s.description,
      type: s.type as SettingType,
      value: formatSettingValue(s.value),
      defaultValue: formatSettingValue(s.defaultValue),
      source: s.source,
      overridable: s.overridable,
    }));
}

/**
 * The name to show for the active clinic: its `display_name` setting when that is set, else the
 * clinic's own name. Used by the header and the dashboard heading, which render in the same
 * request: the settings are read once for both (lib/auth/request-reads.ts).
 */
export async function clinicDisplayName(
  clinic: Pick<ClinicContext, 'clinicId' | 'clinicName'>,
): Promise<string> {
  const { display_name } = await clinicSettings(clinic.clinicId);
  return displayNameOr(display_name, clinic.clinicName);
}

/** The display name setting's value when it is set, else the clinic's own name. */
export function displayNameOr(displayName: unknown, clinicName: string): string {
  return typeof displayName === 'string' && displayName.trim() !== ''
    ? displayName.trim()
    : clinicName;
}
