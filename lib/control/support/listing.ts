import { listClinicSupportSessions } from '@/db/control/support-sessions';
import type { SupportEnd } from './audit';
import { endedHow } from './lifecycle';
import { closeLapsedSupport } from './live';

/** A support session as a clinic's admins see it on /members (a DTO: no rows leave lib/). */
export interface SupportSessionView {
  id: string;
  operatorName: string;
  operatorEmail: string;
  reason: string;
  writeAccess: boolean;
  writeReason: string | null;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
  status: SupportEnd | 'active';
}

/** How many past sessions the listing shows. */
const LISTED = 20;

/**
 * The clinic's support sessions, newest first. The clinic id comes from the caller's clinic
 * context, never from input. Lapsed ones are closed (and audited as expired) first, so the
 * list never shows an expired session as active.
 */
export async function supportSessionsOfClinic(
  clinicId: string,
  now = new Date(),
): Promise<SupportSessionView[]> {
  await closeLapsedSupport(clinicId, now);
  const rows = await listClinicSupportSessions(clinicId, LISTED);
  return rows.map((r) => ({
    id: r.id,
    operatorName: r.operatorName,
    operatorEmail: r.operatorEmail,
    reason: r.reason,
    writeAccess: r.writeAccess,
    writeReason: r.writeReason,
    startedAt: r.startedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    status: endedHow(r, now),
  }));
}
