'use server';
import { revalidatePath } from 'next/cache';
import { getClinic, setClinicActive } from '@/db/control/clinics';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { clinicIdSchema } from '@/lib/control/schemas';
import { NotFoundError } from '@/lib/errors';

/** Reactivates a clinic; its members regain access. Audited as clinic.activate. */
export const reactivateClinicAction = controlPlaneAction
  .metadata({ name: 'reactivateClinic', permission: 'control_plane.access' })
  .inputSchema(clinicIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await getClinic(parsedInput.clinicId))) throw new NotFoundError('Clinic not found.');
    const clinic = await setClinicActive(
      { userId: ctx.user.id, ...ctx.meta },
      parsedInput.clinicId,
      true,
    );
    if (!clinic) throw new NotFoundError('Clinic not found.');
    revalidatePath('/admin', 'layout');
    return { id: clinic.id, active: clinic.active };
  });
