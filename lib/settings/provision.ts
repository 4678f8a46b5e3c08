import { tenantDb } from '@/db/tenant';
import { setClinicSetting } from './write';

/**
 * A new clinic's own settings: its timezone is stored as the clinic's override of the system
 * default, so the settings page shows it as "this clinic" and can reset it.
 * (`clinics.timezone` keeps the timezone the clinic was created with.)
 */
export async function provisionClinicSettings(
  clinicId: string,
  initial: { timezone: string },
  actorUserId: string | null,
): Promise<void> {
  await tenantDb(clinicId).transaction((t) =>
    setClinicSetting(t, 'timezone', initial.timezone, actorUserId),
  );
}
