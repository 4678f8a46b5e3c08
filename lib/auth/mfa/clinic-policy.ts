import 'server-only';
import type { TenantDb } from '@/db/tenant';
import { settingValues } from '@/lib/settings/resolve';

/** The clinic's `require_mfa` setting: its staff must enrol before they can enter it. */
export async function clinicRequiresMfa(db: TenantDb): Promise<boolean> {
  const values = await db.transaction((t) => settingValues(t));
  return values.require_mfa === true;
}
