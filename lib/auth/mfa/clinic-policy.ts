import 'server-only';
import { tenantDb, type TenantDb } from '@/db/tenant';
import { settingValues } from '@/lib/settings/resolve';

/** The clinic's `require_mfa` setting: its staff must enrol before they can enter it. */
export async function clinicRequiresMfa(db: TenantDb): Promise<boolean> {
  const values = await db.transaction((t) => settingValues(t));
  return values.require_mfa === true;
}

/** Of the user's clinics, the names of those that require MFA (for the chooser's note). */
export async function clinicsRequiringMfa(
  clinics: readonly { id: string; name: string }[],
): Promise<string[]> {
  const flags = await Promise.all(clinics.map((c) => clinicRequiresMfa(tenantDb(c.id))));
  return clinics.filter((_c, i) => flags[i]).map((c) => c.name);
}
