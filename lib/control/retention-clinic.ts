import { getClinic } from '@/db/control/clinics';
import { ActionError, NotFoundError } from '@/lib/errors';

/** The clinic a control-plane retention action names: it must exist and be active. */
export async function requireRetentionClinic(clinicId: string) {
  const clinic = await getClinic(clinicId);
  if (!clinic) throw new NotFoundError('Clinic not found.');
  // Like the tenant job, which refuses inactive clinics for good.
  if (!clinic.active)
    throw new ActionError(`${clinic.name} is inactive: retention runs only for active clinics.`);
  return clinic;
}
