import { eq } from 'drizzle-orm';
import { clinicSettings, settingDefinitions } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { SETTING_SCHEMAS, isSettingKey, type SettingKey, type SettingValues } from './catalog';

export type SettingSource = 'system' | 'clinic';

export interface EffectiveSetting<K extends SettingKey = SettingKey> {
  key: K;
  label: string;
  description: string;
  type: string;
  value: SettingValues[K];
  defaultValue: SettingValues[K];
  source: SettingSource;
  overridable: boolean;
}

function coerce<K extends SettingKey>(key: K, raw: unknown): SettingValues[K] {
  return SETTING_SCHEMAS[key].parse(raw) as SettingValues[K];
}

/**
 * Every known setting of the scope's clinic: the clinic's override where one exists and the
 * definition allows it, else the system default, each with where its value came from.
 */
export async function resolveSettings(scope: TenantScope): Promise<EffectiveSetting[]> {
  const rows = await scope
    .from(settingDefinitions, {
      key: settingDefinitions.key,
      label: settingDefinitions.label,
      description: settingDefinitions.description,
      type: settingDefinitions.type,
      defaultValue: settingDefinitions.defaultValue,
      overridable: settingDefinitions.clinicOverridable,
      override: clinicSettings.value,
    })
    .leftJoin(clinicSettings, eq(clinicSettings.key, settingDefinitions.key))
    .orderBy(settingDefinitions.key);
  return rows.flatMap((r) => {
    if (!isSettingKey(r.key)) return [];
    const useOverride = r.override !== null && r.overridable;
    const defaultValue = coerce(r.key, r.defaultValue);
    return [
      {
        key: r.key,
        label: r.label,
        description: r.description,
        type: r.type,
        defaultValue,
        value: useOverride ? coerce(r.key, r.override) : defaultValue,
        source: useOverride ? 'clinic' : 'system',
        overridable: r.overridable,
      } satisfies EffectiveSetting,
    ];
  });
}

/** The effective values as a typed map, for code that needs a setting (MRNs, jobs, prints). */
export async function settingValues(scope: TenantScope): Promise<SettingValues> {
  const settings = await resolveSettings(scope);
  return Object.fromEntries(settings.map((s) => [s.key, s.value])) as SettingValues;
}
