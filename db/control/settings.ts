import { asc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { settingDefinitions } from '../schema';
import { auditedChange, type ActorContext } from './audit';

export type SettingDefinition = typeof settingDefinitions.$inferSelect;
export type SettingType = SettingDefinition['type'];

/** Setting definitions are system data: only the control plane reads them all and changes them. */
export async function listSettingDefinitions(): Promise<SettingDefinition[]> {
  return getDb().db.select().from(settingDefinitions).orderBy(asc(settingDefinitions.key));
}

export async function getSettingDefinition(key: string): Promise<SettingDefinition | undefined> {
  const [row] = await getDb()
    .db.select()
    .from(settingDefinitions)
    .where(eq(settingDefinitions.key, key))
    .limit(1);
  return row;
}

export interface SettingDefinitionChange {
  /** Already validated against the definition's type by the caller. */
  defaultValue: string | number | boolean;
  clinicOverridable: boolean;
}

/**
 * Changes a definition's default and whether clinics may override it. The key, type, label and
 * description come from migrations and stay as they are. Existing clinic overrides are kept; the
 * settings reader ignores them while a definition is not overridable.
 */
export async function updateSettingDefinition(
  actor: ActorContext,
  key: string,
  change: SettingDefinitionChange,
): Promise<SettingDefinition | undefined> {
  return auditedChange(
    actor,
    (row) => ({
      action: 'setting_definition.update',
      outcome: row ? 'success' : 'failure',
      entityType: 'setting_definition',
      entityId: key,
      // System configuration, not PHI: the new values are useful in the trail.
      metadata: { defaultValue: change.defaultValue, clinicOverridable: change.clinicOverridable },
    }),
    async (db) => {
      const [row] = await db
        .update(settingDefinitions)
        .set({
          defaultValue: change.defaultValue,
          clinicOverridable: change.clinicOverridable,
          updatedAt: new Date(),
        })
        .where(eq(settingDefinitions.key, key))
        .returning();
      return row;
    },
  );
}
