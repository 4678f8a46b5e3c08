import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { clinicCounters, patients, SEXES as DB_SEXES } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { patientAppointmentRows } from '@/lib/appointments/patient-appointments';
import { recordAudit } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import { nextCounter } from '@/lib/counters';
import { NotFoundError } from '@/lib/errors';
import { MRN_COUNTER, PATIENT_SEXES, formatMrn } from '@/lib/patients/constants';
import { DUPLICATE_REASON_ORDER, duplicateReason, type PersonKey } from '@/lib/patients/duplicates';
import type { CreatePatientValues, UpdatePatientValues } from '@/lib/patients/schema';
import type {
  CreatePatientResult,
  PatientAppointment,
  PatientDetail,
  PossibleDuplicate,
  UpdatePatientResult,
} from '@/lib/patients/types';
import { settingValues } from '@/lib/settings/resolve';
import {
  portalWriteRefused,
  resolvePortalAccount,
  throwIfRefused,
  type PortalRefusal,
  type StaffActor,
} from './portal-accounts';
import { equalsKey, familyKey, givenKey } from './patient-search';

// The UI's list of sexes (lib/patients, importable by client code) must be the database's.
const _sexesAgree: [typeof DB_SEXES, typeof PATIENT_SEXES] extends [
  typeof PATIENT_SEXES,
  typeof DB_SEXES,
]
  ? true
  : never = true;
void _sexesAgree;

type WriteCtx = Pick<ClinicContext, 'db' | 'user' | 'meta'>;

function actorOf(ctx: WriteCtx): StaffActor {
  return { userId: ctx.user.id, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

const MAX_DUPLICATES = 10;

/**
 * Patients of the scope's clinic who may be `person`: the candidates are everyone with the same
 * date of birth and everyone with the same name (two index lookups); the rules are in
 * lib/patients/duplicates.ts. Never looks outside the clinic: tenantDb and RLS scope both reads.
 */
export async function findPossibleDuplicates(
  t: TenantScope,
  person: PersonKey,
  excludeId?: string,
): Promise<PossibleDuplicate[]> {
  const columns = {
    id: patients.id,
    givenName: patients.givenName,
    familyName: patients.familyName,
    dateOfBirth: patients.dateOfBirth,
    mrn: patients.mrn,
  };
  const notSelf = excludeId ? ne(patients.id, excludeId) : undefined;
  const sameDob = await t
    .from(patients, columns)
    .where(and(eq(patients.dateOfBirth, person.dateOfBirth), notSelf))
    .limit(500);
  const sameName = await t
    .from(patients, columns)
    .where(
      and(equalsKey(familyKey, person.familyName), equalsKey(givenKey, person.givenName), notSelf),
    )
    .limit(500);
  const found = new Map<string, PossibleDuplicate>();
  for (const candidate of [...sameDob, ...sameName]) {
    if (found.has(candidate.id)) continue;
    const reason = duplicateReason(person, candidate);
    if (reason) found.set(candidate.id, { ...candidate, reason });
  }
  return [...found.values()]
    .sort(
      (a, b) =>
        DUPLICATE_REASON_ORDER.indexOf(a.reason) - DUPLICATE_REASON_ORDER.indexOf(b.reason) ||
        a.familyName.localeCompare(b.familyName) ||
        a.givenName.localeCompare(b.givenName),
    )
    .slice(0, MAX_DUPLICATES);
}

// ---------------------------------------------------------------------------------------------
// Create and update

/**
 * The highest number among the clinic's MRNs `<prefix><digits>`: where the counter starts when
 * it is missing, and where it jumps to if it ever lags behind (imported records).
 */
async function highestMrnNumber(t: TenantScope, prefix: string): Promise<number> {
  const from = prefix.length + 1;
  const [row] = await t
    .from(patients, {
      n: sql<string | null>`max(substring(${patients.mrn} from ${from}::int)::bigint)`,
    })
    .where(
      and(
        sql`starts_with(${patients.mrn}, ${prefix}::text)`,
        sql`substring(${patients.mrn} from ${from}::int) ~ '^[0-9]{1,15}$'`,
      ),
    );
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY answers one row
  return row?.n ? Number(row.n) : 0;
}

/** The next MRN: prefix setting + counter, inside the create transaction. */
async function drawMrn(t: TenantScope): Promise<string> {
  const prefix = (await settingValues(t)).mrn_prefix;
  const n = await nextCounter(t, MRN_COUNTER, () => highestMrnNumber(t, prefix));
  const mrn = formatMrn(prefix, n);
  // Stryker disable next-line ObjectLiteral: a select of no columns still answers the row
  const [taken] = await t.from(patients, { id: patients.id }).where(eq(patients.mrn, mrn)).limit(1);
  if (!taken) return mrn;
  // The counter lags behind numbers assigned elsewhere: move it past them. We hold the counter
  // row's lock (nextCounter), so no concurrent create can draw in between.
  const next = (await highestMrnNumber(t, prefix)) + 1;
  await t.update(clinicCounters, { value: next }, eq(clinicCounters.name, MRN_COUNTER));
  return formatMrn(prefix, next);
}

const demographics = (v: CreatePatientValues | UpdatePatientValues) => ({
  givenName: v.givenName,
  familyName: v.familyName,
  dateOfBirth: v.dateOfBirth,
  sex: v.sex,
  phone: v.phone,
  email: v.email,
  addressLine: v.addressLine,
  city: v.city,
  postalCode: v.postalCode,
});

/**
 * Onboards a patient in one tenant transaction: the duplicate check (unless the user confirmed),
 * the portal account, the MRN (prefix setting + atomic counter), the row and its audit event.
 * Possible duplicates come back instead of a patient, and nothing is written (no MRN is used up).
 * Throws PatientFieldError for a bad portal e-mail (after committing the look-up's audit row).
 */
export async function createPatient(
  ctx: WriteCtx,
  values: CreatePatientValues,
): Promise<CreatePatientResult> {
  return ctx.db
    .transaction(async (t): Promise<CreatePatientResult | PortalRefusal> => {
      if (!values.confirmDuplicate) {
        const duplicates = await findPossibleDuplicates(t, values);
        if (duplicates.length > 0) return { status: 'duplicates', duplicates };
      }
      const link = values.portalEmail
        ? await resolvePortalAccount(t, actorOf(ctx), values.portalEmail)
        : { userId: null };
      if ('refused' in link) return link;
      const { userId } = link;
      const mrn = await drawMrn(t);
      const patient = await t.insert(patients, { ...demographics(values), mrn, userId });
      await recordAudit(t, actorOf(ctx), {
        action: 'patient.create',
        entityType: 'patient',
        entityId: patient.id,
        metadata: { portalLinked: userId !== null, duplicateConfirmed: values.confirmDuplicate },
      });
      return { status: 'created', id: patient.id, mrn: patient.mrn };
    })
    .catch(portalWriteRefused)
    .then(throwIfRefused);
}

/**
 * Saves a patient's details (never the MRN). Throws NotFoundError for a missing id and another
 * clinic's id alike, PatientFieldError for a bad portal e-mail. Audits the changed field names.
 */
export async function updatePatient(
  ctx: WriteCtx,
  values: UpdatePatientValues,
): Promise<UpdatePatientResult> {
  return ctx.db
    .transaction(async (t): Promise<UpdatePatientResult | PortalRefusal> => {
      const current = await t.findById(patients, values.id);
      if (!current) throw new NotFoundError('Patient not found');
      let userId = current.userId;
      if (!values.portalEmail) userId = null;
      else {
        const linkedEmail = current.userId ? await t.patientPortalEmail(current.id) : null;
        if (linkedEmail?.toLowerCase() !== values.portalEmail.toLowerCase()) {
          const link = await resolvePortalAccount(t, actorOf(ctx), values.portalEmail, current.id);
          if ('refused' in link) return link;
          userId = link.userId;
        }
      }
      const next = { ...demographics(values), userId };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
        (k) => next[k] !== current[k],
      );
      if (changed.length > 0) {
        await t.update(patients, { ...next, updatedAt: new Date() }, eq(patients.id, current.id));
        await recordAudit(t, actorOf(ctx), {
          action: 'patient.update',
          entityType: 'patient',
          entityId: current.id,
          // Which fields changed, never their values.
          metadata: { fields: changed },
        });
      }
      return { status: 'updated', id: current.id };
    })
    .catch(portalWriteRefused)
    .then(throwIfRefused);
}

// ---------------------------------------------------------------------------------------------
// The record

const APPOINTMENTS_SHOWN = 20;

async function patientAppointments(
  t: TenantScope,
  patientId: string,
  when: 'upcoming' | 'past',
  now: Date,
): Promise<PatientAppointment[]> {
  const rows = await patientAppointmentRows(t, patientId, when, now, APPOINTMENTS_SHOWN);
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: r.status,
    reason: r.reason,
    practitionerName: r.practitionerName ?? 'Former staff member',
  }));
}

/**
 * A patient's record for viewing, with their next and most recent appointments and the clinic's
 * timezone, and the `patient.view` audit event (ids only), all in one transaction. A missing id
 * and another clinic's id both throw NotFoundError; the failed attempt is audited too.
 */
export async function getPatientForView(
  ctx: WriteCtx,
  id: string,
  now: Date = new Date(),
): Promise<PatientDetail> {
  const detail = await ctx.db.transaction(async (t): Promise<PatientDetail | null> => {
    const patient = await t.findById(patients, id);
    if (!patient) {
      await recordAudit(t, actorOf(ctx), {
        action: 'patient.view',
        outcome: 'failure',
        entityType: 'patient',
        entityId: id,
        metadata: { reason: 'not_found' },
      });
      return null;
    }
    // Independent reads: on a pipelined connection they go out together (db/tenant-pg.ts).
    const [portalEmail, { timezone, time_format }, upcoming, past] = await Promise.all([
      patient.userId ? t.patientPortalEmail(patient.id) : null,
      settingValues(t),
      patientAppointments(t, patient.id, 'upcoming', now),
      patientAppointments(t, patient.id, 'past', now),
    ]);
    await recordAudit(t, actorOf(ctx), {
      action: 'patient.view',
      entityType: 'patient',
      entityId: patient.id,
    });
    return {
      id: patient.id,
      mrn: patient.mrn,
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      sex: patient.sex,
      phone: patient.phone,
      email: patient.email,
      addressLine: patient.addressLine,
      city: patient.city,
      postalCode: patient.postalCode,
      portalEmail,
      createdAt: patient.createdAt.toISOString(),
      updatedAt: patient.updatedAt.toISOString(),
      timeZone: timezone,
      timeFormat: time_format,
      upcoming,
      past,
    };
  });
  if (!detail) throw new NotFoundError('Patient not found');
  return detail;
}
