import 'server-only';
import { recordCrossTenantAttempt } from '@/db/control/audit';
import { findActiveMembership } from '@/db/control/memberships';
import { recordAudit } from '@/lib/audit/record';
import { StalePageError } from '@/lib/errors';
import type { ClinicContext } from './context';
import { z } from 'zod';
import { NOTHING_SAVED } from './page-stamp';

/** The stamp as a write carries it: the bound first argument of every clinic action. */
export const pageStampSchema = z.object({ clinicId: z.uuid(), userId: z.uuid() }).strict();

type Mismatch = { reason: 'no_stamp' | 'user_changed' | 'clinic_changed'; message: string };

/**
 * Refuses a write whose page was rendered for another clinic or user than the session's (see
 * page-stamp.ts). Runs before the permission check and the action body; the refusal is audited in
 * the clinic the session is now in, and a page clinic the user has no access to also counts as a
 * cross-clinic attempt.
 */
export async function assertSamePage(
  ctx: ClinicContext,
  rawStamp: unknown,
  action: string,
): Promise<void> {
  const mismatch = await findMismatch(ctx, rawStamp, action);
  if (!mismatch) return;
  const parsed = pageStampSchema.safeParse(rawStamp);
  await ctx.db.transaction((t) =>
    recordAudit(
      t,
      { userId: ctx.user.id, ...ctx.meta },
      {
        action: 'write.stale_page',
        outcome: 'denied',
        metadata: {
          action,
          reason: mismatch.reason,
          pageClinicId: parsed.success ? parsed.data.clinicId : null,
        },
      },
    ),
  );
  throw new StalePageError(mismatch.message);
}

async function findMismatch(
  ctx: ClinicContext,
  rawStamp: unknown,
  action: string,
): Promise<Mismatch | null> {
  const parsed = pageStampSchema.safeParse(rawStamp);
  if (!parsed.success) {
    return {
      reason: 'no_stamp',
      message: `This page is out of date. Reload it and try again. ${NOTHING_SAVED}`,
    };
  }
  // Ids compare as uuids do: an upper-case spelling of the same id is the same page.
  const stamp = {
    clinicId: parsed.data.clinicId.toLowerCase(),
    userId: parsed.data.userId.toLowerCase(),
  };
  if (stamp.userId !== ctx.user.id) {
    return {
      reason: 'user_changed',
      message: `You signed in as ${ctx.user.name} in another tab. This page was opened for another account. ${NOTHING_SAVED}`,
    };
  }
  if (stamp.clinicId === ctx.clinicId) return null;
  const pageClinic = await findActiveMembership(ctx.user.id, stamp.clinicId);
  if (!pageClinic) {
    await recordCrossTenantAttempt(
      { userId: ctx.user.id, ...ctx.meta },
      { clinicId: stamp.clinicId, entityType: 'clinic', entityId: action },
    );
  }
  const formClinic = pageClinic ? pageClinic.clinicName : 'a clinic you can no longer use';
  return {
    reason: 'clinic_changed',
    message: `You switched to ${ctx.clinicName} in another tab. This form was for ${formClinic}. ${NOTHING_SAVED}`,
  };
}
