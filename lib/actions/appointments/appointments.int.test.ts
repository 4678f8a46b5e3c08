import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { appointments, auditEvents } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { SlotTakenError } from '@/lib/appointments/errors';
import { SLOT_TAKEN_MESSAGE } from '@/lib/appointments/schemas';
import {
  findAppointment,
  insertAppointment,
  listAppointments,
  setAppointmentStatus,
} from '@/lib/data/appointments';
import { NotFoundError } from '@/lib/errors';
import { makeClinic, makeMember, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { fromPage, signOut } from '@/test/session-state';
import { standing } from '@/test/walls';
import { bookAppointmentAction } from './book-appointment';
import { setAppointmentStatusAction } from './set-appointment-status';
import { updateAppointmentAction } from './update-appointment';

const db = useTestDatabase();
const onPostgres = Boolean(process.env.DATABASE_URL);

let ny: TestClinic;
let other: TestClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  signOut();
  ny = await makeClinic('ny', 'America/New_York');
  other = await makeClinic('other', 'Europe/Berlin');
  await signInMember(ny.doctor);
});

// Dates far ahead (2037 has 2026's calendar), so that the no-past rule never ages these tests.
function booking(over: Partial<Record<string, unknown>> = {}) {
  return {
    patientId: ny.patientIds[0]!,
    practitionerMembershipId: ny.doctor.membershipId,
    date: '2037-07-15',
    startTime: '09:00',
    durationMinutes: 30,
    reason: 'Check-up',
    ...over,
  };
}

async function rowsOf(clinicId: string) {
  return tenantDb(clinicId).list(appointments, {
    limit: 1000,
    orderBy: [asc(appointments.startsAt), asc(appointments.id)],
  });
}

async function auditOf(clinicId: string) {
  const rows = await tenantDb(clinicId).list(auditEvents, {
    limit: 1000,
    orderBy: [asc(auditEvents.occurredAt), asc(auditEvents.id)],
  });
  return rows.filter((r) => r.action.startsWith('appointment.'));
}

function fieldError(result: { validationErrors?: unknown }, field: string): string | undefined {
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return errors?.[field]?._errors?.[0];
}

describe('booking in the clinic timezone', () => {
  it('stores a 09:00 New York booking as 13:00 UTC in summer and shows 09:00 back', async () => {
    const r = await fromPage(bookAppointmentAction)(booking());
    expect(r.serverError).toBeUndefined();
    expect(r.data).toMatchObject({ localDate: '2037-07-15', localStart: '09:00' });
    const [row] = await rowsOf(ny.id);
    expect(row!.startsAt.toISOString()).toBe('2037-07-15T13:00:00.000Z');
    expect(row!.endsAt.toISOString()).toBe('2037-07-15T13:30:00.000Z');
    expect(row!.status).toBe('scheduled');

    const detail = await findAppointment(tenantCtx(ny), row!.id);
    expect(detail).toMatchObject({
      localStart: '09:00',
      localEnd: '09:30',
      timeZone: 'America/New_York',
    });
    const list = await listAppointments(tenantCtx(ny), { from: '2037-07-15', to: '2037-07-15' });
    expect(list.rows.map((a) => a.localStart)).toEqual(['09:00']);
  });

  it('stores a 09:00 New York booking as 14:00 UTC in winter', async () => {
    const r = await fromPage(bookAppointmentAction)(booking({ date: '2037-01-15' }));
    expect(r.data?.localStart).toBe('09:00');
    const [row] = await rowsOf(ny.id);
    expect(row!.startsAt.toISOString()).toBe('2037-01-15T14:00:00.000Z');
  });

  it('refuses a time the clocks skip, next to the start time', async () => {
    const r = await fromPage(bookAppointmentAction)(
      booking({ date: '2037-03-08', startTime: '02:30' }),
    );
    expect(fieldError(r, 'startTime')).toMatch(/does not exist in America\/New_York/);
    expect(await rowsOf(ny.id)).toHaveLength(0);
  });

  it('records an audit event with ids only', async () => {
    const r = await fromPage(bookAppointmentAction)(booking());
    const [event] = await auditOf(ny.id);
    expect(event).toMatchObject({
      action: 'appointment.book',
      outcome: 'success',
      actorUserId: ny.doctor.userId,
      entityType: 'appointment',
      entityId: r.data?.id,
      metadata: { patientId: ny.patientIds[0], practitionerMembershipId: ny.doctor.membershipId },
    });
    expect(JSON.stringify(event)).not.toContain('Check-up');
  });

  it('is strict: a smuggled clinicId is a validation error and writes nothing', async () => {
    // Not in the input type: sent the way a hand-made request would.
    const r = await fromPage(bookAppointmentAction)(
      Object.assign(booking(), { clinicId: other.id }),
    );
    expect(r.validationErrors).toBeDefined();
    expect(r.data).toBeUndefined();
    expect(await rowsOf(ny.id)).toHaveLength(0);
    expect(await rowsOf(other.id)).toHaveLength(0);
  });
});

describe('overlaps', () => {
  it('refuses an overlapping booking for the same practitioner with the slot message', async () => {
    expect((await fromPage(bookAppointmentAction)(booking())).data).toBeDefined();
    const r = await fromPage(bookAppointmentAction)(
      booking({ startTime: '09:15', patientId: ny.patientIds[1] }),
    );
    expect(r.data).toBeUndefined();
    expect(fieldError(r, 'startTime')).toBe(SLOT_TAKEN_MESSAGE);
    expect(await rowsOf(ny.id)).toHaveLength(1);
  });

  it('refuses a booking that encloses an existing one', async () => {
    await fromPage(bookAppointmentAction)(booking({ startTime: '09:15', durationMinutes: 15 }));
    const r = await fromPage(bookAppointmentAction)(
      booking({ startTime: '09:00', durationMinutes: 60 }),
    );
    expect(fieldError(r, 'startTime')).toBe(SLOT_TAKEN_MESSAGE);
  });

  it('allows adjacent slots and another practitioner at the same time', async () => {
    const nurse = await makeMember(ny.id, 'nurse');
    expect(
      (await fromPage(bookAppointmentAction)(booking({ startTime: '09:00' }))).data,
    ).toBeDefined();
    expect(
      (await fromPage(bookAppointmentAction)(booking({ startTime: '09:30' }))).data,
    ).toBeDefined();
    expect(
      (await fromPage(bookAppointmentAction)(booking({ startTime: '08:45', durationMinutes: 15 })))
        .data,
    ).toBeDefined();
    const r = await fromPage(bookAppointmentAction)(
      booking({ startTime: '09:00', practitionerMembershipId: nurse.membershipId }),
    );
    expect(r.serverError).toBeUndefined();
    expect(r.validationErrors).toBeUndefined();
    expect(await rowsOf(ny.id)).toHaveLength(4);
  });

  it('frees the slot when the appointment is cancelled or a no-show', async () => {
    const first = await fromPage(bookAppointmentAction)(booking());
    await fromPage(setAppointmentStatusAction)({
      appointmentId: first.data!.id,
      status: 'cancelled',
    });
    const second = await fromPage(bookAppointmentAction)(booking());
    expect(second.validationErrors).toBeUndefined();
    expect(second.data).toBeDefined();
    await markOnceStarted(second.data!.id, 'no_show');
    expect((await fromPage(bookAppointmentAction)(booking())).data).toBeDefined();
  });

  it('keeps a completed appointment in its slot', async () => {
    const first = await fromPage(bookAppointmentAction)(booking());
    const done = await markOnceStarted(first.data!.id, 'completed');
    expect(done).toEqual({ id: first.data!.id, status: 'completed' });
    expect(fieldError(await fromPage(bookAppointmentAction)(booking()), 'startTime')).toBe(
      SLOT_TAKEN_MESSAGE,
    );
  });

  it('maps the exclusion constraint itself to the slot error (no pre-check involved)', async () => {
    await fromPage(bookAppointmentAction)(booking());
    const [existing] = await rowsOf(ny.id);
    const attempt = tenantDb(ny.id).transaction((t) =>
      insertAppointment(t, {
        patientId: ny.patientIds[1]!,
        practitionerMembershipId: ny.doctor.membershipId,
        startsAt: new Date(existing!.startsAt.getTime() + 10 * 60_000),
        endsAt: new Date(existing!.endsAt.getTime() + 10 * 60_000),
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(SlotTakenError);
    expect(await rowsOf(ny.id)).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous bookings win; the other gets the slot message', async () => {
    const results = await Promise.all([
      fromPage(bookAppointmentAction)(booking({ patientId: ny.patientIds[0] })),
      fromPage(bookAppointmentAction)(booking({ patientId: ny.patientIds[1], startTime: '09:10' })),
    ]);
    const won = results.filter((r) => r.data);
    const lost = results.filter((r) => !r.data);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.serverError).toBeUndefined();
    expect(fieldError(lost[0]!, 'startTime')).toBe(SLOT_TAKEN_MESSAGE);
    expect(await rowsOf(ny.id)).toHaveLength(1);
    expect((await auditOf(ny.id)).map((e) => e.action)).toEqual(['appointment.book']);
  });

  it.runIf(onPostgres)(
    'a booking racing an uncommitted one waits on the constraint and gets the slot message, not a 500',
    async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
      const held = tenantDb(ny.id).transaction(async (t) => {
        await insertAppointment(t, {
          patientId: ny.patientIds[1]!,
          practitionerMembershipId: ny.doctor.membershipId,
          startsAt: new Date('2037-07-15T13:00:00Z'),
          endsAt: new Date('2037-07-15T13:30:00Z'),
        });
        inserted();
        await gate;
      });
      await insertedSignal;
      const started = Date.now();
      const racing = fromPage(bookAppointmentAction)(booking());
      setTimeout(release, 600);
      const [r] = await Promise.all([racing, held]);
      // It had to wait for the other transaction: the pre-check could not see the uncommitted
      // row, so the database's exclusion constraint refused the insert.
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(r.serverError).toBeUndefined();
      expect(fieldError(r, 'startTime')).toBe(SLOT_TAKEN_MESSAGE);
      expect(await rowsOf(ny.id)).toHaveLength(1);
    },
  );
});

describe("another clinic's ids", () => {
  it("refuses another clinic's patient as not found and writes nothing anywhere", async () => {
    const r = await fromPage(bookAppointmentAction)(booking({ patientId: other.patientIds[0] }));
    expect(r.serverError).toBe('Patient not found.');
    expect(r.data).toBeUndefined();
    expect(await rowsOf(ny.id)).toHaveLength(0);
    expect(await rowsOf(other.id)).toHaveLength(0);
    expect(await auditOf(ny.id)).toHaveLength(0);
  });

  it("refuses another clinic's practitioner as not found", async () => {
    const r = await fromPage(bookAppointmentAction)(
      booking({ practitionerMembershipId: other.doctor.membershipId }),
    );
    expect(r.serverError).toBe('Practitioner not found in this clinic.');
    expect(await rowsOf(ny.id)).toHaveLength(0);
  });

  it('refuses a disabled practitioner and a random id alike', async () => {
    const gone = await makeMember(ny.id, 'nurse', { disabled: true });
    for (const id of [gone.membershipId, '0b6f1b59-3c0e-4a37-9d0a-2f4c8e1d5a6b']) {
      const r = await fromPage(bookAppointmentAction)(booking({ practitionerMembershipId: id }));
      expect(r.serverError).toBe('Practitioner not found in this clinic.');
    }
  });

  // Wall 3: without the composite keys (WALLS=wall1, as the mutation run has it) nothing refuses.
  it.runIf(standing('keys'))(
    'the composite foreign keys refuse them even past the checks, as not found',
    async () => {
      const write = (values: { patientId: string; practitionerMembershipId: string }) =>
        tenantDb(ny.id).transaction((t) =>
          insertAppointment(t, {
            ...values,
            startsAt: new Date('2037-07-15T13:00:00Z'),
            endsAt: new Date('2037-07-15T13:30:00Z'),
          }),
        );
      const foreignPatient = write({
        patientId: other.patientIds[0]!,
        practitionerMembershipId: ny.doctor.membershipId,
      });
      await expect(foreignPatient).rejects.toThrow(new NotFoundError('Patient not found.'));
      const foreignPractitioner = write({
        patientId: ny.patientIds[0]!,
        practitionerMembershipId: other.doctor.membershipId,
      });
      await expect(foreignPractitioner).rejects.toThrow(
        new NotFoundError('Practitioner not found in this clinic.'),
      );
      expect(await rowsOf(ny.id)).toHaveLength(0);
      expect(await rowsOf(other.id)).toHaveLength(0);
    },
  );

  it("treats another clinic's appointment id like a missing one, for every action", async () => {
    await signInMember(other.doctor);
    const theirs = await fromPage(bookAppointmentAction)({
      ...booking(),
      patientId: other.patientIds[0]!,
      practitionerMembershipId: other.doctor.membershipId,
    });
    expect(theirs.data).toBeDefined();
    const before = await rowsOf(other.id);
    await signInMember(ny.doctor);
    const id = theirs.data!.id;
    const update = await fromPage(updateAppointmentAction)({
      appointmentId: id,
      practitionerMembershipId: ny.doctor.membershipId,
      date: '2037-07-16',
      startTime: '10:00',
      durationMinutes: 15,
    });
    const cancel = await fromPage(setAppointmentStatusAction)({
      appointmentId: id,
      status: 'cancelled',
    });
    const missing = await fromPage(setAppointmentStatusAction)({
      appointmentId: '0b6f1b59-3c0e-4a37-9d0a-2f4c8e1d5a6b',
      status: 'cancelled',
    });
    expect(update.serverError).toBe('Appointment not found.');
    expect(cancel.serverError).toBe('Appointment not found.');
    expect(missing.serverError).toBe(cancel.serverError);
    expect(await findAppointment(tenantCtx(ny), id)).toBeUndefined();
    expect(await rowsOf(other.id)).toEqual(before);
  });
});

describe('changing an appointment', () => {
  it('reschedules in clinic time, may overlap its own old slot, and audits the changed fields', async () => {
    const booked = await fromPage(bookAppointmentAction)(booking());
    const id = booked.data!.id;
    const r = await fromPage(updateAppointmentAction)({
      appointmentId: id,
      practitionerMembershipId: ny.doctor.membershipId,
      date: '2037-07-15',
      startTime: '09:15',
      durationMinutes: '45',
      reason: 'Follow-up',
    });
    expect(r.validationErrors).toBeUndefined();
    expect(r.data).toMatchObject({ id, localStart: '09:15' });
    const [row] = await rowsOf(ny.id);
    expect(row).toMatchObject({
      startsAt: new Date('2037-07-15T13:15:00Z'),
      endsAt: new Date('2037-07-15T14:00:00Z'),
      reason: 'Follow-up',
    });
    const events = await auditOf(ny.id);
    expect(events.at(-1)).toMatchObject({
      action: 'appointment.update',
      entityId: id,
      metadata: { changed: ['startsAt', 'endsAt', 'reason'] },
    });
  });

  it("refuses a reschedule onto someone else's slot", async () => {
    await fromPage(bookAppointmentAction)(booking({ startTime: '10:00' }));
    const mine = await fromPage(bookAppointmentAction)(booking({ startTime: '09:00' }));
    const r = await fromPage(updateAppointmentAction)({
      appointmentId: mine.data!.id,
      practitionerMembershipId: ny.doctor.membershipId,
      date: '2037-07-15',
      startTime: '09:45',
      durationMinutes: 30,
    });
    expect(fieldError(r, 'startTime')).toBe(SLOT_TAKEN_MESSAGE);
    const rows = await rowsOf(ny.id);
    expect(rows.map((a) => a.startsAt.toISOString())).toEqual([
      '2037-07-15T13:00:00.000Z',
      '2037-07-15T14:00:00.000Z',
    ]);
  });

  it('changes nothing on a cancelled appointment', async () => {
    const booked = await fromPage(bookAppointmentAction)(booking());
    await fromPage(setAppointmentStatusAction)({
      appointmentId: booked.data!.id,
      status: 'cancelled',
    });
    const r = await fromPage(updateAppointmentAction)({
      appointmentId: booked.data!.id,
      practitionerMembershipId: ny.doctor.membershipId,
      date: '2037-07-15',
      startTime: '11:00',
      durationMinutes: 30,
    });
    expect(r.serverError).toMatch(/cancelled; only scheduled appointments can be changed/);
    const again = await fromPage(setAppointmentStatusAction)({
      appointmentId: booked.data!.id,
      status: 'cancelled',
    });
    expect(again.serverError).toMatch(/cancelled/);
  });

  it('completes or marks a no-show only once the appointment has started', async () => {
    const future = await fromPage(bookAppointmentAction)(booking({ date: '2099-01-05' }));
    const r = await fromPage(setAppointmentStatusAction)({
      appointmentId: future.data!.id,
      status: 'completed',
    });
    expect(r.serverError).toMatch(/has not started yet/);
    const [row] = await tenantDb(ny.id).list(appointments, {
      where: eq(appointments.id, future.data!.id),
      limit: 1,
    });
    expect(row!.status).toBe('scheduled');
    const cancel = await fromPage(setAppointmentStatusAction)({
      appointmentId: future.data!.id,
      status: 'cancelled',
    });
    expect(cancel.data?.status).toBe('cancelled');
    expect((await auditOf(ny.id)).map((e) => e.action)).toEqual([
      'appointment.book',
      'appointment.cancel',
    ]);
  });
});

describe('the list', () => {
  it("pages one clinic's appointments in time order, filtered by local days and status", async () => {
    for (const [date, startTime] of [
      ['2037-07-14', '23:30'], // before the range (outside working hours, confirmed)
      ['2037-07-15', '08:00'],
      ['2037-07-15', '08:30'],
      ['2037-07-16', '20:00'], // 00:00 UTC on the 17th, still the 16th in New York
      ['2037-07-17', '09:00'], // after the range
    ] as const) {
      expect(
        (await fromPage(bookAppointmentAction)(booking({ date, startTime, outsideHours: true })))
          .data,
      ).toBeDefined();
    }
    await signInMember(other.doctor);
    await fromPage(bookAppointmentAction)({
      ...booking(),
      patientId: other.patientIds[0]!,
      practitionerMembershipId: other.doctor.membershipId,
    });

    const page1 = await listAppointments(tenantCtx(ny), {
      from: '2037-07-15',
      to: '2037-07-16',
      pageSize: 2,
    });
    expect(page1).toMatchObject({ total: 3, timeZone: 'America/New_York' });
    expect(page1.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    expect(page1.rows.map((a) => `${a.localDate} ${a.localStart}`)).toEqual([
      '2037-07-15 08:00',
      '2037-07-15 08:30',
    ]);
    const page2 = await listAppointments(tenantCtx(ny), {
      from: '2037-07-15',
      to: '2037-07-16',
      pageSize: 2,
      after: page1.pager.lastId,
      page: 2,
    });
    expect(page2.rows.map((a) => `${a.localDate} ${a.localStart}`)).toEqual(['2037-07-16 20:00']);
    expect(page2.rows[0]!.patient).toMatchObject({ name: 'Garcia, Maria', mrn: 'NY-1' });

    const cancelled = await listAppointments(tenantCtx(ny), {
      from: '2037-07-15',
      to: '2037-07-16',
      status: 'cancelled',
    });
    expect(cancelled.total).toBe(0);
  });

  it('defaults to today → 7 days ahead in the clinic, and a page number alone is page 1', async () => {
    const now = new Date('2026-11-28T03:00:00Z'); // Friday evening the 27th in New York
    const list = await listAppointments(tenantCtx(ny), { page: 99 }, now);
    expect(list).toMatchObject({ from: '2026-11-27', to: '2026-12-04', total: 0 });
    expect(list.pager.page).toBe(1);
  });
});

function tenantCtx(clinic: TestClinic) {
  return { db: tenantDb(clinic.id) };
}

/**
 * Completes or marks a no-show as if the 2037 appointment had started (the data layer takes the
 * time): bookings cannot be made in the past, and these need one that has begun.
 */
function markOnceStarted(appointmentId: string, status: 'completed' | 'no_show') {
  const ctx = {
    ...tenantCtx(ny),
    user: {
      id: ny.doctor.userId,
      email: ny.doctor.email,
      name: ny.doctor.name,
      systemRoleId: null,
    },
    meta: { requestId: 'test', ip: null },
  };
  return setAppointmentStatus(ctx, { appointmentId, status }, new Date('2037-12-31T00:00:00Z'));
}
