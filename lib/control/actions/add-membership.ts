'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { getClinic } from '@/db/control/clinics';
import { addMembership } from '@/db/control/memberships';
import { getUser } from '@/db/control/users';
import { foreignKeyViolation, uniqueViolation } from '@/db/errors';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { addMembershipSchema } from '@/lib/control/schemas';

/**
 * Adds a user to a clinic with a clinic-scope role (the schema only admits clinic roles, so a
 * system role can never be handed out as a membership). Bumps the user's session version.
 */
export const addMembershipAction = controlPlaneAction
  .metadata({ name: 'addMembership', permission: 'control_plane.access' })
  .inputSchema(addMembershipSchema)
  .action(async ({ parsedInput, ctx }) => {
    const [user, clinic] = await Promise.all([
      getUser(parsedInput.userId),
      getClinic(parsedInput.clinicId),
    ]);
    if (!user || !clinic) {
      returnValidationErrors(addMembershipSchema, {
        ...(user ? {} : { userId: { _errors: ['That user does not exist.'] } }),
        ...(clinic ? {} : { clinicId: { _errors: ['That clinic does not exist.'] } }),
      });
    }
    try {
      const membership = await addMembership({ userId: ctx.user.id, ...ctx.meta }, parsedInput);
      revalidatePath('/admin', 'layout');
      return { id: membership.id };
    } catch (err) {
      if (uniqueViolation(err)) {
        returnValidationErrors(addMembershipSchema, {
          userId: {
            _errors: [
              `${user.name} is already a member of ${clinic.name}. Change their role instead.`,
            ],
          },
        });
      }
      if (foreignKeyViolation(err)) {
        returnValidationErrors(addMembershipSchema, {
          _errors: ['The user, clinic or role no longer exists. Reload and try again.'],
        });
      }
      throw err;
    }
  });
