'use server';
import { revalidatePath } from 'next/cache';
import { recordCrossTenantAttempt, recordSystemEvent } from '@/db/control/audit';
import { findActiveMembership } from '@/db/control/memberships';
import { sessionAction } from '@/lib/actions/safe-action';
import { switchClinicSchema } from '@/lib/auth/session-schemas';
import { updateSession } from '@/lib/auth/session';
import { ActionError } from '@/lib/errors';

/**
 * Switches the active clinic. The clinic id from the client is only a request: the membership is
 * checked in the database, and the session gets the server-derived clinic (re-checked again when
 * the token is re-issued, which also rotates it).
 */
export const switchClinicAction = sessionAction
  .metadata({ name: 'switchClinic', permission: 'own-session' })
  .inputSchema(switchClinicSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = { userId: ctx.user.id, ...ctx.meta };
    const membership = await findActiveMembership(ctx.user.id, parsedInput.clinicId);
    if (!membership) {
      await recordCrossTenantAttempt(actor, {
        clinicId: parsedInput.clinicId,
        entityType: 'clinic',
      });
      throw new ActionError('You are not a member of that clinic.');
    }
    await updateSession({ type: 'switch-clinic', clinicId: membership.clinicId });
    await recordSystemEvent(actor, {
      action: 'clinic.switch',
      outcome: 'success',
      clinicId: membership.clinicId,
      metadata: { from: ctx.session.activeClinicId },
    });
    revalidatePath('/', 'layout');
    return { clinicId: membership.clinicId, clinicName: membership.clinicName };
  });
