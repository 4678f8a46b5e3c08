import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { checkViolation, uniqueViolation } from '@/db/errors';
import { patients } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import { PORTAL_LOOKUP_LIMIT } from '@/lib/patients/constants';
import {
  PORTAL_EMAIL_NO_ACCOUNT,
  PORTAL_EMAIL_TAKEN,
  PORTAL_LOOKUPS_THROTTLED,
  PatientFieldError,
} from '@/lib/patients/errors';

/** A signed-in staff user: look-ups are counted against them. */
export type StaffActor = AuditActor & { userId: string };

/**
 * Why a portal e-mail was refused. It is returned out of the tenant transaction rather than thrown
 * in it, so that the transaction commits the look-up's audit row and throttle count first: thrown,
 * it would roll them back, and failed look-ups (the ones that probe) would be free and unrecorded.
 */
export interface PortalRefusal {
  refused: string;
}

const isRefusal = (value: unknown): value is PortalRefusal =>
  typeof value === 'object' && value !== null && 'refused' in value;

/**
 * The account to link for a portal e-mail: a linkable account (no membership, no system role, not
 * disabled; `lookup_portal_account`, migration 0012) not already linked to another of this clinic's
 * patients. Every look-up is throttled per user and audited in the clinic's log, without the
 * e-mail. Missing and unlinkable accounts get the same refusal.
 */
export async function resolvePortalAccount(
  t: TenantScope,
  actor: StaffActor,
  email: string,
  patientId?: string,
): Promise<{ userId: string } | PortalRefusal> {
  const { accountId, throttled } = await t.lookupPortalAccount(
    actor.userId,
    email,
    PORTAL_LOOKUP_LIMIT,
  );
  const result = throttled ? 'throttled' : accountId ? 'linkable' : 'no_linkable_account';
  await recordAudit(t, actor, {
    action: 'patient.portal_lookup',
    outcome: throttled ? 'denied' : accountId ? 'success' : 'failure',
    entityType: 'patient',
    entityId: patientId,
    metadata: { result },
  });
  if (throttled) return { refused: PORTAL_LOOKUPS_THROTTLED };
  if (!accountId) return { refused: PORTAL_EMAIL_NO_ACCOUNT };
  const [linked] = await t
    .from(patients, { id: patients.id })
    .where(and(eq(patients.userId, accountId), patientId ? ne(patients.id, patientId) : undefined))
    .limit(1);
  if (linked) return { refused: PORTAL_EMAIL_TAKEN };
  return { userId: accountId };
}

/** After the transaction committed: a refusal becomes the portal field's error. */
export function throwIfRefused<T>(result: T | PortalRefusal): T {
  if (isRefusal(result)) throw new PatientFieldError('portalEmail', result.refused);
  return result;
}

/**
 * The database's own refusals of a link, as the same field errors: a concurrent link of the same
 * account (unique index), or an account that became staff or an operator after the look-up (the
 * patients_check_portal_link trigger).
 */
export function portalWriteRefused(err: unknown): never {
  if (uniqueViolation(err)?.constraint === 'patients_clinic_user_key')
    throw new PatientFieldError('portalEmail', PORTAL_EMAIL_TAKEN);
  if (checkViolation(err)?.constraint === 'patients_portal_account_linkable')
    throw new PatientFieldError('portalEmail', PORTAL_EMAIL_NO_ACCOUNT);
  throw err;
}
