import type { ActorContext } from '@/db/control/audit';
import { getClinic } from '@/db/control/clinics';
import {
  closeSupportSession,
  getSupportSession,
  insertSupportSession,
  type SupportSessionRow,
} from '@/db/control/support-sessions';
import { ActionError, NotFoundError } from '@/lib/errors';
import { recordSupportEvent, type SupportEnd } from './audit';
import type { openSupportSchema } from './schemas';

type OpenInput = ReturnType<(typeof openSupportSchema)['parse']>;

/**
 * Opens support access for an operator's sign-in session to one active clinic. Read-only unless
 * write was asked for (with its own reason); write is audited under its own action name,
 * `support.open_write`, so it stands out in both logs.
 */
export async function openSupport(
  actor: ActorContext & { userId: string },
  userSessionId: string,
  input: OpenInput,
  now = new Date(),
): Promise<SupportSessionRow> {
  const clinic = await getClinic(input.clinicId);
  if (!clinic) throw new NotFoundError('Clinic not found.');
  if (!clinic.active) throw new ActionError('That clinic is deactivated.');
  const writeReason = input.write ? (input.writeReason ?? null) : null;
  const row = await insertSupportSession({
    operatorUserId: actor.userId,
    userSessionId,
    clinicId: clinic.id,
    reason: input.reason,
    writeReason,
    startedAt: now,
    expiresAt: new Date(now.getTime() + input.durationMinutes * 60_000),
  });
  await recordSupportEvent(actor, row, row.writeAccess ? 'support.open_write' : 'support.open', {
    durationMinutes: input.durationMinutes,
  });
  return row;
}

/**
 * Ends a support session that is still open, by its operator or by an admin of its clinic (the
 * caller has checked which). Null when it had already ended or expired: nothing to do.
 */
export async function endSupport(
  actor: ActorContext & { userId: string },
  supportSessionId: string,
  endedBy: Exclude<SupportEnd, 'expired'>,
  now = new Date(),
): Promise<SupportSessionRow | null> {
  const row = await getSupportSession(supportSessionId);
  if (!row || row.expiresAt <= now) return null;
  const closed = await closeSupportSession(row.id, actor.userId, now);
  if (!closed) return null;
  await recordSupportEvent(actor, closed, 'support.end', { endedBy });
  return closed;
}

/**
 * A clinic admin ends support access to their own clinic (`clinicId` from their clinic context).
 * Another clinic's session is "not found", exactly like a missing one.
 */
export async function endSupportForClinic(
  actor: ActorContext & { userId: string },
  clinicId: string,
  supportSessionId: string,
): Promise<SupportSessionRow> {
  const row = await getSupportSession(supportSessionId);
  if (!row || row.clinicId !== clinicId) throw new NotFoundError('Support session not found.');
  const ended = await endSupport(actor, row.id, 'clinic_admin');
  if (!ended) throw new ActionError('That support access has already ended.');
  return ended;
}

/**
 * Signing out ends the support access the session was in, so the clinic's list does not show it
 * as active until it expires. Only the operator's own session; anything else is left alone.
 */
export async function endSupportAtSignOut(
  actor: ActorContext & { userId: string },
  supportSessionId: string,
): Promise<void> {
  const row = await getSupportSession(supportSessionId);
  if (row?.operatorUserId === actor.userId) await endSupport(actor, row.id, 'operator');
}

/** How a stored session ended, for listings: the ender is the operator, someone else, or nobody. */
export function endedHow(row: SupportSessionRow, now = new Date()): SupportEnd | 'active' {
  if (!row.endedAt) return row.expiresAt <= now ? 'expired' : 'active';
  if (!row.endedBy) return 'expired';
  return row.endedBy === row.operatorUserId ? 'operator' : 'clinic_admin';
}
