'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { getClinic } from '@/db/control/clinics';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { inviteMember } from '@/lib/control/team/invite';
import { inviteToClinicSchema } from '@/lib/control/team/schemas';

/**
 * An operator invites an address into any active clinic, with any clinic role (system roles are
 * not in the schema). The same tokens and message as a clinic admin's invitation; audited in the
 * clinic's log and the system log.
 */
export const inviteToClinicAction = controlPlaneAction
  .metadata({ name: 'inviteToClinic', permission: 'control_plane.access' })
  .inputSchema(inviteToClinicSchema)
  .action(async ({ parsedInput, ctx }) => {
    const clinic = await getClinic(parsedInput.clinicId);
    if (!clinic?.active) {
      returnValidationErrors(inviteToClinicSchema, {
        clinicId: { _errors: ['Choose an active clinic.'] },
      });
    }
    const result = await inviteMember(
      {
        userId: ctx.user.id,
        ...ctx.meta,
        controlPlane: true,
        name: ctx.user.name,
        clinicId: clinic.id,
        clinicName: clinic.name,
        roleId: null,
      },
      { email: parsedInput.email, roleId: parsedInput.roleId },
    );
    if ('field' in result) {
      returnValidationErrors(inviteToClinicSchema, {
        [result.field]: { _errors: [result.message] },
      });
    }
    revalidatePath('/admin', 'layout');
    return { id: result.id };
  });
