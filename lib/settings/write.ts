import { eq } from 'drizzle-orm';
import { clinicSettings, settingDefinitions } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { ActionError } from '@/lib/errors';
import { SETTING_SCHEMAS, type SettingKey, type SettingValues } from './catalog';

/**
 * Stores a clinic's override of a setting, validated by the setting's own schema. Refused when
 * the definition does not allow clinics to override it.
 */
export async function setClinicSetting<K extends SettingKey>(
  scope: TenantScope,
  key: K,
  raw: unknown,
  updatedBy: string | null,
): Promise<SettingValues[K]> {
  const value = SETTING_SCHEMAS[key].parse(raw) as SettingValues[K];
  const [definition] = await scope
    .from(settingDefinitions, { overridable: settingDefinitions.clinicOverridable })
    .where(eq(settingDefinitions.key, key));
  if (!definition?.overridable) throw new ActionError('This setting cannot be changed per clinic.');
  const updated = await scope.update(
    clinicSettings,
    { value, updatedBy, updatedAt: new Date() },
    eq(clinicSettings.key, key),
  );
  if (updated.length === 0) await scope.insert(clinicSettings, { key, value, updatedBy });
  return value;
}

/** Removes the clinic's override, so the system default applies again. */
export async function resetClinicSetting(scope: TenantScope, key: SettingKey): Promise<boolean> {
  const removed = await scope.delete(clinicSettings, eq(clinicSettings.key, key));
  return removed.length > 0;
}
