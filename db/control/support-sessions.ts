import { and, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import { getDb } from '../client';
import { clinics, supportSessions, users } from '../schema';

export type SupportSessionRow = typeof supportSessions.$inferSelect;

/** A support session the operator may work in right now, with what the banner shows. */
export interface LiveSupport {
  id: string;
  clinicId: string;
  clinicName: string;
  reason: string;
  writeAccess: boolean;
  expiresAt: Date;
}

export interface NewSupportSession {
  operatorUserId: string;
  userSessionId: string;
  clinicId: string;
  reason: string;
  writeReason: string | null;
  startedAt: Date;
  expiresAt: Date;
}

export async function insertSupportSession(values: NewSupportSession): Promise<SupportSessionRow> {
  const [row] = await getDb()
    .db.insert(supportSessions)
    .values({ ...values, writeAccess: values.writeReason !== null })
    .returning();
  if (!row) throw new Error('support session insert returned nothing');
  return row;
}

/**
 * The support session, if it is live for exactly this operator and sign-in session: not ended,
 * not expired, in an active clinic. The token only names the id; this row decides.
 */
export async function findLiveSupport(
  id: string,
  operatorUserId: string,
  userSessionId: string,
  now: Date,
): Promise<LiveSupport | undefined> {
  const [row] = await getDb()
    .db.select({
      id: supportSessions.id,
      clinicId: supportSessions.clinicId,
      clinicName: clinics.name,
      reason: supportSessions.reason,
      writeAccess: supportSessions.writeAccess,
      expiresAt: supportSessions.expiresAt,
    })
    .from(supportSessions)
    .innerJoin(clinics, eq(clinics.id, supportSessions.clinicId))
    .where(
      and(
        eq(supportSessions.id, id),
        eq(supportSessions.operatorUserId, operatorUserId),
        eq(supportSessions.userSessionId, userSessionId),
        isNull(supportSessions.endedAt),
        gt(supportSessions.expiresAt, now),
        eq(clinics.active, true),
      ),
    )
    .limit(1);
  return row;
}

export async function getSupportSession(id: string): Promise<SupportSessionRow | undefined> {
  const [row] = await getDb()
    .db.select()
    .from(supportSessions)
    .where(eq(supportSessions.id, id))
    .limit(1);
  return row;
}

/**
 * Ends a session that is still open (ended_at unset). Returns the row only to the one caller that
 * ended it, so the end is audited once even when expiry and a click race. Expiry passes no user
 * and stamps the expiry time; the stored `ended_by` then tells who ended it (see `endedHow`).
 */
export async function closeSupportSession(
  id: string,
  endedBy: string | null,
  endedAt: Date,
): Promise<SupportSessionRow | undefined> {
  const expiredOnly = endedBy === null ? lte(supportSessions.expiresAt, endedAt) : undefined;
  const [row] = await getDb()
    .db.update(supportSessions)
    .set({ endedAt, endedBy })
    .where(and(eq(supportSessions.id, id), isNull(supportSessions.endedAt), expiredOnly))
    .returning();
  return row;
}

/** Sessions of one clinic that passed their expiry without being ended (to close as expired). */
export async function listLapsedSupportSessions(
  clinicId: string,
  now: Date,
): Promise<SupportSessionRow[]> {
  return getDb()
    .db.select()
    .from(supportSessions)
    .where(
      and(
        eq(supportSessions.clinicId, clinicId),
        isNull(supportSessions.endedAt),
        lte(supportSessions.expiresAt, now),
      ),
    );
}

export interface SupportSessionListing extends SupportSessionRow {
  operatorName: string;
  operatorEmail: string;
}

/** One clinic's support sessions, newest first, with who opened them. */
export async function listClinicSupportSessions(
  clinicId: string,
  limit: number,
): Promise<SupportSessionListing[]> {
  const rows = await getDb()
    .db.select({ session: supportSessions, name: users.name, email: users.email })
    .from(supportSessions)
    .innerJoin(users, eq(users.id, supportSessions.operatorUserId))
    .where(eq(supportSessions.clinicId, clinicId))
    .orderBy(desc(supportSessions.startedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.session, operatorName: r.name, operatorEmail: r.email }));
}
