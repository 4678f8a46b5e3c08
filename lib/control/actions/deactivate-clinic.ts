'use server';
import { revalidatePath } from 'next/cache';
import { getClinic, setClinicActive } from '@/db/control/clinics';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { clinicIdSchema } from '@/lib/control/schemas';
import { NotFoundError } from '@/lib/errors';

/**
 * Deactivates a clinic. Its members lose access on their next request (a clinic context needs an
 * active clinic) and no data is deleted. Audited as clinic.deactivate.
 */
export const deactivateClinicAction = controlPlaneAction
  .metadata({ name: 'deactivateClinic', permission: 'control_plane.access' })
  .inputSchema(clinicIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await getClinic(parsedInput.clinicId))) throw new NotFoundError('Clinic not found.');
    const clinic = await setClinicActive(
      { userId: ctx.user.id, ...ctx.meta },
      parsedInput.clinicId,
      false,
    );
    if (!clinic) throw new NotFoundError('Clinic not found.');
    revalidatePath('/admin', 'layout');
    return { id: clinic.id, active: clinic.active };
  });
