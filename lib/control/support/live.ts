import {
  closeSupportSession,
  findLiveSupport,
  getSupportSession,
  listLapsedSupportSessions,
  type LiveSupport,
  type SupportSessionRow,
} from '@/db/control/support-sessions';
import { roleHasPermission } from '@/lib/auth/permissions';
import { recordSupportEvent, type SupportEnd } from './audit';

export type { LiveSupport } from '@/db/control/support-sessions';

interface SupportClaims {
  uid: string;
  sessionId: string;
  supportSessionId?: string | null;
}

/**
 * The support session the claims point at, if the database says it is live for this operator and
 * sign-in session, and the operator still holds `support.open` (`systemRoleId` known; the token
 * path passes undefined and leaves that to requireUser). Otherwise null, after closing the session
 * as expired if it lapsed unended, so the end is in both logs even when nobody clicked.
 */
export async function liveSupportOf(
  claims: SupportClaims,
  systemRoleId: string | null | undefined,
  now = new Date(),
): Promise<LiveSupport | null> {
  const id = claims.supportSessionId;
  if (!id) return null;
  if (systemRoleId !== undefined && !roleHasPermission(systemRoleId, 'support.open')) return null;
  const live = await findLiveSupport(id, claims.uid, claims.sessionId, now);
  if (live) return live;
  const row = await getSupportSession(id);
  if (row) await closeIfLapsed(row, now);
  return null;
}

/** Closes every lapsed support session of a clinic (its admins' listing shows them ended). */
export async function closeLapsedSupport(clinicId: string, now = new Date()): Promise<void> {
  for (const row of await listLapsedSupportSessions(clinicId, now)) await closeIfLapsed(row, now);
}

async function closeIfLapsed(row: SupportSessionRow, now: Date): Promise<void> {
  if (row.endedAt || row.expiresAt > now) return;
  // Stamped with the expiry time, not now: that is when access ended.
  const closed = await closeSupportSession(row.id, null, row.expiresAt);
  if (!closed) return;
  await recordSupportEvent({ userId: null }, closed, 'support.end', {
    endedBy: 'expired' satisfies SupportEnd,
  });
}
