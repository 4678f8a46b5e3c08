import 'server-only';
import { and, asc, eq, gt, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  APPOINTMENT_STATUSES as DB_STATUSES,
  appointments,
  clinicMemberships,
  patients,
  roles,
  users,
} from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { NonexistentLocalTimeError, SlotTakenError } from '@/lib/appointments/errors';
import {
  APPOINTMENT_STATUSES,
  STATUS_LABELS,
  type AppointmentStatus,
  type BookAppointmentValues,
  type StatusChange,
  type UpdateAppointmentValues,
} from '@/lib/appointments/schemas';
import {
  daysBetween,
  localDate,
  localDaysRange,
  localTime,
  shiftDate,
  todayIn,
  zonedToUtc,
} from '@/lib/appointments/time';
import type {
  AppointmentDetail,
  AppointmentListItem,
  AppointmentPage,
  PatientChoice,
} from '@/lib/appointments/types';
import { recordAudit } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import type { ClinicClock } from '@/lib/dates/format';
import { ActionError, NotFoundError } from '@/lib/errors';
import { settingValues } from '@/lib/settings/resolve';
import { checkBookableTime, clinicSchedule, LIVE_STATUSES } from './booking-rules';
import { cursorState } from '@/lib/pagination/cursor';
import { countUpTo, keysetOrder, LIST_COUNT_CAP, pageTotal, readKeysetPage } from './keyset';
import { getPractitionerOrThrow } from './staff';
import { appointmentPatient, appointmentPractitioner } from '@/lib/appointments/joins';

// The UI's status list (lib/appointments, importable by client code) must be the database's.
const _statusesAgree: [typeof DB_STATUSES, typeof APPOINTMENT_STATUSES] extends [
  typeof APPOINTMENT_STATUSES,
  typeof DB_STATUSES,
]
  ? true
  : never = true;
void _statusesAgree;

const _liveStatusesKnown: readonly AppointmentStatus[] = LIVE_STATUSES;
void _liveStatusesKnown;

export const DEFAULT_RANGE_DAYS = 7;
export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;

type AppointmentCtx = Pick<ClinicContext, 'db' | 'user' | 'meta'>;

/**
 * The clinic's timezone: the effective `timezone` setting (the clinic's override, else the system
 * default). Every conversion between wall-clock input and stored instants goes through it.
 */
export async function clinicTimeZone(t: TenantScope): Promise<string> {
  return (await clinicClock(t)).timeZone;
}

/** The clinic's timezone and 12/24-hour choice, for everything that shows a time. */
export async function clinicClock(t: TenantScope): Promise<ClinicClock> {
  const settings = await settingValues(t);
  return { timeZone: settings.timezone, timeFormat: settings.time_format };
}

// ---------------------------------------------------------------------------------------------
// Reading

const patientName = (p: { givenName: string | null; familyName: string | null }) =>
  p.givenName === null ? 'Unknown patient' : `${p.familyName}, ${p.givenName}`;

/** One query shape for the list, the detail page and the dashboard. */
function selectAppointments(t: TenantScope) {
  return t
    .from(appointments, {
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      reason: appointments.reason,
      outsideHours: appointments.outsideHours,
      patientId: appointments.patientId,
      givenName: patients.givenName,
      familyName: patients.familyName,
      mrn: patients.mrn,
      dateOfBirth: patients.dateOfBirth,
      practitionerId: appointments.practitionerMembershipId,
      practitionerName: users.name,
      practitionerRole: clinicMemberships.roleId,
      practitionerRoleName: roles.name,
    })
    .leftJoin(patients, appointmentPatient)
    .leftJoin(clinicMemberships, appointmentPractitioner)
    .leftJoin(users, eq(users.id, clinicMemberships.userId))
    .leftJoin(roles, eq(roles.id, clinicMemberships.roleId));
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof selectAppointments>['where']>>[number];

function toListItem(r: JoinedRow, timeZone: string): AppointmentListItem {
  return {
    id: r.id,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    localDate: localDate(r.startsAt, timeZone),
    localStart: localTime(r.startsAt, timeZone),
    localEnd: localTime(r.endsAt, timeZone),
    status: r.status,
    reason: r.reason,
    outsideHours: r.outsideHours,
    patient: { id: r.patientId, name: patientName(r), mrn: r.mrn ?? '' },
    practitioner: { id: r.practitionerId, name: r.practitionerName ?? 'Unknown practitioner' },
  };
}

export interface AppointmentFilter {
  /** Clinic-local dates; null means the default range (today → today + 7 days). */
  from?: string | null;
  to?: string | null;
  status?: AppointmentStatus | null;
  /** Keyset cursor (lib/pagination/cursor.ts): the row the page starts after or ends before. */
  after?: string | null;
  before?: string | null;
  /** The page number shown with the cursor. */
  page?: number | null;
  pageSize?: number | null;
}

/** Appointments starting within `[start, end)` (clinic-local days), optionally of one status. */
function rangeWhere(start: Date, end: Date, status?: AppointmentStatus | null): SQL {
  return and(
    gte(appointments.startsAt, start),
    lt(appointments.startsAt, end),
    status ? eq(appointments.status, status) : undefined,
  ) as SQL;
}

/**
 * One page of the clinic's appointments between two clinic-local dates (inclusive), in time
 * order, with the total: rows and count in one transaction. Keyset pages read from the index on
 * (clinic_id, starts_at, id), or (clinic_id, status, starts_at, id) with a status, from the
 * cursor on; the total is counted up to LIST_COUNT_CAP (a range can span years).
 */
export async function listAppointments(
  ctx: Pick<ClinicContext, 'db'>,
  filter: AppointmentFilter,
  now: Date = new Date(),
  { countCap = LIST_COUNT_CAP }: { countCap?: number } = {},
): Promise<AppointmentPage> {
  return ctx.db.read(async (t) => {
    const { timeZone, timeFormat } = await clinicClock(t);
    const today = todayIn(timeZone, now);
    const from = filter.from ?? today;
    let to = filter.to ?? shiftDate(from, DEFAULT_RANGE_DAYS);
    if (daysBetween(from, to) < 0) to = from;
    const pageSize = Math.min(Math.max(filter.pageSize ?? PAGE_SIZE_DEFAULT, 1), PAGE_SIZE_MAX);
    const { start, end } = localDaysRange(from, to, timeZone);
    const where = rangeWhere(start, end, filter.status);

    const order = keysetOrder(t, appointments, [sql`${appointments.startsAt}`], 'asc');
    const page = await readKeysetPage(
      order,
      cursorState(filter),
      pageSize,
      ({ past, order: direction, limit }) =>
        selectAppointments(t)
          .where(and(where, past))
          .orderBy(direction(appointments.startsAt), direction(appointments.id))
          .limit(limit),
    );
    const { total, capped } = await pageTotal(page, () =>
      countUpTo(t, appointments, where, countCap, [...order.keys, order.id]),
    );
    return {
      timeZone,
      timeFormat,
      today,
      from,
      to,
      status: filter.status ?? null,
      pager: page.info,
      pageSize,
      total,
      totalCapped: capped,
      rows: page.rows.map((r) => toListItem(r, timeZone)),
    };
  });
}

/** The appointments of one clinic-local day, in time order (the dashboard's "today"). */
export async function appointmentsOnDay(
  t: TenantScope,
  date: string,
  timeZone: string,
  limit = 100,
): Promise<AppointmentListItem[]> {
  return appointmentsBetween(t, { from: date, to: date, timeZone, limit });
}

/**
 * The appointments starting on the clinic-local days `from` through `to`, in time order,
 * optionally only those of some statuses (the calendar leaves cancelled ones out).
 */
export async function appointmentsBetween(
  t: TenantScope,
  range: {
    from: string;
    to: string;
    timeZone: string;
    limit: number;
    statuses?: readonly AppointmentStatus[];
  },
): Promise<AppointmentListItem[]> {
  const { start, end } = localDaysRange(range.from, range.to, range.timeZone);
  const rows = await selectAppointments(t)
    .where(
      and(
        rangeWhere(start, end),
        range.statuses ? inArray(appointments.status, [...range.statuses]) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(range.limit);
  return rows.map((r) => toListItem(r, range.timeZone));
}

const uuid = z.uuid();

async function readDetail(
  t: TenantScope,
  id: string,
  now: Date,
): Promise<AppointmentDetail | undefined> {
  if (!uuid.safeParse(id).success) return undefined;
  const [row] = await selectAppointments(t).where(eq(appointments.id, id)).limit(1);
  if (!row) return undefined;
  const { timeZone, timeFormat } = await clinicClock(t);
  const item = toListItem(row, timeZone);
  return {
    ...item,
    timeZone,
    timeFormat,
    durationMinutes: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000),
    patient: { ...item.patient, dateOfBirth: row.dateOfBirth ?? '' },
    practitioner: {
      ...item.practitioner,
      role: row.practitionerRole ?? '',
      roleName: row.practitionerRoleName ?? '',
    },
    started: row.startsAt.getTime() <= now.getTime(),
  };
}

/** The appointment, or undefined for a missing id, a malformed id and another clinic's id alike. */
export async function findAppointment(
  ctx: Pick<ClinicContext, 'db'>,
  id: string,
  now: Date = new Date(),
): Promise<AppointmentDetail | undefined> {
  return ctx.db.read((t) => readDetail(t, id, now));
}

/** What the booking form needs to prefill a patient (`/appointments/new?patientId=`). */
export async function findPatientChoice(
  ctx: Pick<ClinicContext, 'db'>,
  patientId: string,
): Promise<PatientChoice | undefined> {
  const patient = await ctx.db.findById(patients, patientId);
  return patient && toPatientChoice(patient);
}

function toPatientChoice(p: typeof patients.$inferSelect): PatientChoice {
  return {
    id: p.id,
    label: `${p.familyName}, ${p.givenName}`,
    mrn: p.mrn,
    dateOfBirth: p.dateOfBirth,
  };
}

/** Today's date in the clinic, its timezone and time format (form defaults). */
export async function clinicToday(
  ctx: Pick<ClinicContext, 'db'>,
  now: Date = new Date(),
): Promise<{ today: string } & ClinicClock> {
  return ctx.db.transaction(async (t) => {
    const clock = await clinicClock(t);
    return { today: todayIn(clock.timeZone, now), ...clock };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

const EXCLUSION_VIOLATION = '23P01';
const FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE and constraint of a Postgres error, looked for along drizzle's cause chain. */
function pgErrorOf(err: unknown): { code: string; constraint?: string } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
    depth += 1;
  }
  return undefined;
}

/**
 * Turns the database's refusals into the same clear errors the pre-checks raise: an overlapping
 * live appointment (exclusion constraint, e.g. two bookings racing) and a patient or practitioner
 * that is not this clinic's (composite foreign keys). Anything else is rethrown as is.
 */
export function mapAppointmentWriteError(err: unknown): unknown {
  const pg = pgErrorOf(err);
  if (pg?.code === EXCLUSION_VIOLATION && pg.constraint === 'appointments_no_overlap') {
    return new SlotTakenError();
  }
  if (pg?.code === FOREIGN_KEY_VIOLATION) {
    if (pg.constraint === 'appointments_patient_fk') return new NotFoundError('Patient not found.');
    if (pg.constraint === 'appointments_practitioner_fk')
      return new NotFoundError('Practitioner not found in this clinic.');
  }
  return err;
}

/**
 * Runs one write and maps a refusal. Postgres aborts the transaction on a failed statement, so
 * the mapped error always propagates: the transaction rolls back and nothing (no audit row
 * either) is written.
 */
async function guardedWrite<R>(write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } catch (err) {
    throw mapAppointmentWriteError(err);
  }
}

/** The start and end instants of a wall-clock booking in the clinic's timezone. */
function instantsOf(
  input: { date: string; startTime: string; durationMinutes: number },
  timeZone: string,
): { startsAt: Date; endsAt: Date } {
  const startsAt = zonedToUtc(input.date, input.startTime, timeZone);
  if (!startsAt) throw new NonexistentLocalTimeError(timeZone);
  return { startsAt, endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000) };
}

/**
 * Friendly pre-check: a live appointment of the practitioner overlapping `[startsAt, endsAt)`.
 * Adjacent slots (one ends when the next starts) do not overlap, exactly as tstzrange's `&&`.
 * The exclusion constraint remains the guarantee; this only gives the message without a failed
 * statement in the common case.
 */
async function assertSlotFree(
  t: TenantScope,
  slot: { practitionerMembershipId: string; startsAt: Date; endsAt: Date; exceptId?: string },
): Promise<void> {
  const [clash] = await t
    .from(appointments, { id: appointments.id })
    .where(
      and(
        eq(appointments.practitionerMembershipId, slot.practitionerMembershipId),
        inArray(appointments.status, [...LIVE_STATUSES]),
        lt(appointments.startsAt, slot.endsAt),
        gt(appointments.endsAt, slot.startsAt),
        slot.exceptId ? ne(appointments.id, slot.exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw new SlotTakenError();
}

async function getPatientOrThrow(t: TenantScope, patientId: string) {
  const patient = await t.findById(patients, patientId);
  if (!patient) throw new NotFoundError('Patient not found.');
  return patient;
}

const actorOf = (ctx: AppointmentCtx) => ({ userId: ctx.user.id, ...ctx.meta });

/**
 * Books an appointment at a wall-clock time in the clinic's timezone. The patient and the
 * practitioner must be this clinic's (a foreign id is "not found", from the pre-check or from the
 * composite foreign keys), the practitioner a clinical member and free, and the time neither past
 * nor outside the working hours unless confirmed (lib/data/booking-rules.ts). Audited with ids only.
 */
export async function bookAppointment(
  ctx: AppointmentCtx,
  input: BookAppointmentValues,
  now: Date = new Date(),
): Promise<{ id: string; localDate: string; localStart: string }> {
  return ctx.db.transaction(async (t) => {
    const schedule = await clinicSchedule(t);
    const { timeZone } = schedule;
    const { startsAt, endsAt } = instantsOf(input, timeZone);
    await getPatientOrThrow(t, input.patientId);
    await getPractitionerOrThrow(t, input.practitionerMembershipId);
    const { outsideHours } = checkBookableTime(schedule, { ...input, startsAt }, now);
    await assertSlotFree(t, {
      practitionerMembershipId: input.practitionerMembershipId,
      startsAt,
      endsAt,
    });
    const row = await insertAppointment(t, {
      patientId: input.patientId,
      practitionerMembershipId: input.practitionerMembershipId,
      startsAt,
      endsAt,
      reason: input.reason || null,
      outsideHours,
    });
    await recordAudit(t, actorOf(ctx), {
      action: 'appointment.book',
      entityType: 'appointment',
      entityId: row.id,
      metadata: {
        patientId: input.patientId,
        practitionerMembershipId: input.practitionerMembershipId,
      },
    });
    return {
      id: row.id,
      localDate: localDate(startsAt, timeZone),
      localStart: localTime(startsAt, timeZone),
    };
  });
}

/**
 * The insert alone, with the database's refusals mapped. Exported so that tests can prove the
 * constraints (not only the pre-checks) give the clear messages.
 */
export async function insertAppointment(
  t: TenantScope,
  values: {
    patientId: string;
    practitionerMembershipId: string;
    startsAt: Date;
    endsAt: Date;
    reason?: string | null;
    outsideHours?: boolean;
  },
): Promise<{ id: string }> {
  const row = await guardedWrite(() => t.insert(appointments, { ...values, status: 'scheduled' }));
  return { id: row.id };
}

async function getScheduledOrThrow(t: TenantScope, id: string) {
  const appointment = await t.findById(appointments, id);
  if (!appointment) throw new NotFoundError('Appointment not found.');
  if (appointment.status !== 'scheduled') {
    throw new ActionError(
      `This appointment is ${STATUS_LABELS[appointment.status].toLowerCase()}; only scheduled appointments can be changed.`,
    );
  }
  return appointment;
}

/**
 * Reschedules (date, time, length, practitioner) and/or changes the reason of a scheduled
 * appointment. A move obeys the booking rules (a new practitioner must be a clinical member; a new
 * time neither past nor outside the working hours unless confirmed); a reason alone can change
 * on an appointment that has started.
 */
export async function updateAppointment(
  ctx: AppointmentCtx,
  input: UpdateAppointmentValues,
  now: Date = new Date(),
): Promise<{ id: string; localDate: string; localStart: string }> {
  return ctx.db.transaction(async (t) => {
    const current = await getScheduledOrThrow(t, input.appointmentId);
    const schedule = await clinicSchedule(t);
    const { timeZone } = schedule;
    const { startsAt, endsAt } = instantsOf(input, timeZone);
    if (input.practitionerMembershipId !== current.practitionerMembershipId) {
      await getPractitionerOrThrow(t, input.practitionerMembershipId);
    }
    const moved =
      startsAt.getTime() !== current.startsAt.getTime() ||
      endsAt.getTime() !== current.endsAt.getTime() ||
      input.practitionerMembershipId !== current.practitionerMembershipId;
    const outsideHours = moved
      ? checkBookableTime(schedule, { ...input, startsAt }, now).outsideHours
      : current.outsideHours;
    await assertSlotFree(t, {
      practitionerMembershipId: input.practitionerMembershipId,
      startsAt,
      endsAt,
      exceptId: current.id,
    });
    const reason = input.reason || null;
    const changed = [
      startsAt.getTime() !== current.startsAt.getTime() && 'startsAt',
      endsAt.getTime() !== current.endsAt.getTime() && 'endsAt',
      input.practitionerMembershipId !== current.practitionerMembershipId &&
        'practitionerMembershipId',
      reason !== current.reason && 'reason',
      outsideHours !== current.outsideHours && 'outsideHours',
    ].filter((c): c is string => Boolean(c));
    if (changed.length > 0) {
      const updated = await guardedWrite(() =>
        t.update(
          appointments,
          {
            practitionerMembershipId: input.practitionerMembershipId,
            startsAt,
            endsAt,
            reason,
            outsideHours,
            updatedAt: new Date(),
          },
          // Still scheduled: a cancel that committed meanwhile wins, and this reports it.
          and(eq(appointments.id, current.id), eq(appointments.status, 'scheduled')),
        ),
      );
      if (updated.length === 0)
        throw new ActionError('This appointment was changed meanwhile. Reload and try again.');
      await recordAudit(t, actorOf(ctx), {
        action: 'appointment.update',
        entityType: 'appointment',
        entityId: current.id,
        metadata: { changed },
      });
    }
    return {
      id: current.id,
      localDate: localDate(startsAt, timeZone),
      localStart: localTime(startsAt, timeZone),
    };
  });
}

const STATUS_AUDIT: Record<StatusChange, string> = {
  cancelled: 'appointment.cancel',
  completed: 'appointment.complete',
  no_show: 'appointment.no_show',
};

/**
 * Cancels, completes or marks a scheduled appointment as a no-show. Completion and no-show need
 * the appointment to have started. Cancelling (and a no-show) frees the slot for a new booking.
 */
export async function setAppointmentStatus(
  ctx: AppointmentCtx,
  input: { appointmentId: string; status: StatusChange },
  now: Date = new Date(),
): Promise<{ id: string; status: StatusChange }> {
  return ctx.db.transaction(async (t) => {
    const current = await getScheduledOrThrow(t, input.appointmentId);
    if (input.status !== 'cancelled' && current.startsAt.getTime() > now.getTime()) {
      throw new ActionError(
        `This appointment has not started yet, so it cannot be marked ${STATUS_LABELS[input.status].toLowerCase()}.`,
      );
    }
    const updated = await t.update(
      appointments,
      { status: input.status, updatedAt: new Date() },
      and(eq(appointments.id, current.id), eq(appointments.status, 'scheduled')),
    );
    if (updated.length === 0)
      throw new ActionError('This appointment was changed meanwhile. Reload and try again.');
    await recordAudit(t, actorOf(ctx), {
      action: STATUS_AUDIT[input.status],
      entityType: 'appointment',
      entityId: current.id,
    });
    return { id: current.id, status: input.status };
  });
}
