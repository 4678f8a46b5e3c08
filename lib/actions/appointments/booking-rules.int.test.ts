import { NextRequest } from 'next/server';
import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as freeSlotsGET } from '@/app/api/appointments/free-slots/route';
import { appointments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { shiftDate, todayIn } from '@/lib/appointments/time';
import { freeSlots } from '@/lib/data/schedule';
import { StartInPastError } from '@/lib/appointments/errors';
import { workingHoursOrClosed } from '@/lib/appointments/working-hours';
import { checkBookableTime } from '@/lib/data/booking-rules';
import { getPractitionerOrThrow } from '@/lib/data/staff';
import { NotFoundError } from '@/lib/errors';
import { setClinicSetting } from '@/lib/settings/write';
import {
  makeClinic,
  makeMember,
  signInMember,
  type Member,
  type TestClinic,
} from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { fromPage, signOut } from '@/test/session-state';
import { bookAppointmentAction } from './book-appointment';
import { updateAppointmentAction } from './update-appointment';

/**
 * The booking rules of issue 11, enforced by the server whatever the form sends: only
 * practitioners, no start in the past, within the working hours unless confirmed (and then
 * recorded). Each test here fails when its rule alone is taken out.
 */
const db = useTestDatabase();

let ny: TestClinic;
let other: TestClinic;
let reception: Member;
let admin: Member;
let nurse: Member;

beforeEach(async () => {
  await resetDatabase(db.handle());
  signOut();
  ny = await makeClinic('ny', 'America/New_York');
  other = await makeClinic('other', 'Europe/Berlin');
  reception = await makeMember(ny.id, 'receptionist', { name: 'Robin Desk' });
  admin = await makeMember(ny.id, 'clinic_admin', { name: 'Ada Admin' });
  nurse = await makeMember(ny.id, 'nurse', { name: 'Nia Nurse' });
  await signInMember(reception);
});

// 2037-07-15 is a Wednesday; the default working hours are Mon-Fri 08:00-18:00.
function booking(over: Partial<Record<string, unknown>> = {}) {
  return {
    patientId: ny.patientIds[0]!,
    practitionerMembershipId: ny.doctor.membershipId,
    date: '2037-07-15',
    startTime: '09:00',
    durationMinutes: 30,
    ...over,
  };
}

const book = (over: Partial<Record<string, unknown>> = {}) =>
  fromPage(bookAppointmentAction)(booking(over));

/** The same fields for a reschedule of `appointmentId` (the patient stays). */
function reschedule(appointmentId: string, over: Partial<Record<string, unknown>> = {}) {
  const { patientId: _patient, ...slot } = booking(over);
  return fromPage(updateAppointmentAction)({ ...slot, appointmentId });
}

async function rows() {
  return tenantDb(ny.id).list(appointments, { limit: 100, orderBy: [asc(appointments.startsAt)] });
}

function fieldError(result: { validationErrors?: unknown }, field: string): string | undefined {
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return errors?.[field]?._errors?.[0];
}

describe('only practitioners are booked', () => {
  it.each([
    ['a receptionist', () => reception, /A receptionist cannot be booked/],
    ['a clinic admin', () => admin, /A clinic admin cannot be booked/],
  ])('refuses %s next to the practitioner field and writes nothing', async (_, who, message) => {
    const r = await book({ practitionerMembershipId: who().membershipId });
    expect(fieldError(r, 'practitionerMembershipId')).toMatch(message);
    expect(r.data).toBeUndefined();
    expect(await rows()).toHaveLength(0);
  });

  it('books a doctor and a nurse', async () => {
    expect((await book()).data).toBeDefined();
    expect((await book({ practitionerMembershipId: nurse.membershipId })).data).toBeDefined();
  });

  it('refuses a reschedule onto a receptionist', async () => {
    const booked = await book();
    const r = await reschedule(booked.data!.id, {
      practitionerMembershipId: reception.membershipId,
    });
    expect(fieldError(r, 'practitionerMembershipId')).toMatch(/cannot be booked/);
    expect((await rows())[0]!.practitionerMembershipId).toBe(ny.doctor.membershipId);
  });
});

describe('no start in the past', () => {
  it('refuses 1 Jan 2020 and an earlier hour of today, next to the start time', async () => {
    const r = await book({ date: '2020-01-01', outsideHours: true });
    expect(fieldError(r, 'startTime')).toBe(
      'This time has already passed. Choose a time from now on.',
    );
    const yesterday = shiftDate(todayIn('America/New_York'), -1);
    const y = await book({ date: yesterday, startTime: '10:00', outsideHours: true });
    expect(fieldError(y, 'startTime')).toMatch(/already passed/);
    expect(await rows()).toHaveLength(0);
  });

  it('refuses a reschedule into the past', async () => {
    const booked = await book();
    const r = await reschedule(booked.data!.id, { date: '2020-01-01', outsideHours: true });
    expect(fieldError(r, 'startTime')).toMatch(/already passed/);
    expect((await rows())[0]!.startsAt.toISOString()).toBe('2037-07-15T13:00:00.000Z');
  });
});

describe('working hours', () => {
  it.each([
    ['before opening', { startTime: '07:30' }],
    ['across closing', { startTime: '17:45' }],
    ['on a closed day (Saturday)', { date: '2037-07-18' }],
  ])('refuses a booking %s unless confirmed', async (_, over) => {
    const r = await book(over);
    expect(fieldError(r, 'startTime')).toBe(
      `This is outside the clinic's working hours (Mon-Fri 08:00-18:00). Choose another time, or tick "Book outside working hours".`,
    );
    expect(await rows()).toHaveLength(0);
  });

  it('books outside the hours when confirmed, and records it', async () => {
    expect((await book({ startTime: '07:30', outsideHours: true })).data).toBeDefined();
    expect((await book({ startTime: '10:00', outsideHours: true })).data).toBeDefined();
    const [early, inside] = await rows();
    expect(early!.outsideHours).toBe(true);
    // Ticked but inside the hours: nothing out of the ordinary to record.
    expect(inside!.outsideHours).toBe(false);
  });

  it("follows the clinic's own setting, edges included", async () => {
    await tenantDb(ny.id).transaction((t) =>
      setClinicSetting(t, 'working_hours', 'Mon 08:00-12:00, 13:00-17:00; Sat 09:00-13:00', null),
    );
    expect((await book({ date: '2037-07-18', startTime: '12:30' })).data).toBeDefined();
    expect(fieldError(await book({ date: '2037-07-13', startTime: '11:45' }), 'startTime')).toMatch(
      /outside the clinic's working hours \(Mon 08:00-12:00, 13:00-17:00; Sat 09:00-13:00\)/,
    );
    expect((await book({ date: '2037-07-13', startTime: '13:00' })).data).toBeDefined();
    expect(fieldError(await book({ startTime: '10:00' }), 'startTime')).toMatch(/outside/);
  });

  it('refuses a reschedule outside the hours unless confirmed, and records a confirmed one', async () => {
    const booked = await book();
    const move = (over: Partial<Record<string, unknown>>) => reschedule(booked.data!.id, over);
    expect(fieldError(await move({ startTime: '19:00' }), 'startTime')).toMatch(/outside/);
    expect((await rows())[0]!.outsideHours).toBe(false);
    expect((await move({ startTime: '19:00', outsideHours: true })).data).toBeDefined();
    expect((await rows())[0]!.outsideHours).toBe(true);
    // Moved back inside: no longer outside.
    expect((await move({ startTime: '10:00' })).data).toBeDefined();
    expect((await rows())[0]!.outsideHours).toBe(false);
  });

  it('changes the reason alone without the time rules, keeping the outside-hours record', async () => {
    const booked = await book({ startTime: '19:00', outsideHours: true });
    const r = await reschedule(booked.data!.id, { startTime: '19:00', reason: 'New reason' });
    expect(r.data).toBeDefined();
    expect((await rows())[0]).toMatchObject({ reason: 'New reason', outsideHours: true });
  });
});

describe('next free slots', () => {
  const ctx = () => ({ db: tenantDb(ny.id) });
  // Tuesday 14 July 2037, 09:10 in New York.
  const now = new Date('2037-07-14T13:10:00Z');

  it('skips the past, taken slots and closed hours, on the slot grid', async () => {
    await book({ date: '2037-07-14', startTime: '09:30', durationMinutes: 60 });
    const slots = await freeSlots(
      ctx(),
      { practitionerMembershipId: ny.doctor.membershipId, durationMinutes: 30 },
      now,
    );
    expect(slots.map((s) => `${s.date} ${s.startTime}`)).toEqual([
      '2037-07-14 10:30',
      '2037-07-14 10:45',
      '2037-07-14 11:00',
      '2037-07-14 11:15',
      '2037-07-14 11:30',
      '2037-07-14 11:45',
    ]);
    const late = await freeSlots(
      ctx(),
      { practitionerMembershipId: ny.doctor.membershipId, durationMinutes: 30, from: '2037-07-17' },
      new Date('2037-07-17T21:50:00Z'), // Friday 17:50: the day is over
    );
    expect(late[0]).toEqual({ date: '2037-07-20', startTime: '08:00' });
  });

  it('answers over GET; another clinic’s practitioner is 404, a receptionist 400', async () => {
    const get = async (id: string) => {
      const res = await freeSlotsGET(
        new NextRequest(
          `http://localhost/api/appointments/free-slots?practitionerMembershipId=${id}&durationMinutes=30`,
        ),
        { params: Promise.resolve({}) },
      );
      return { status: res.status, body: (await res.json()) as { items?: unknown[] } };
    };
    const ok = await get(ny.doctor.membershipId);
    expect(ok.status).toBe(200);
    expect(ok.body.items).toHaveLength(6);
    expect((await get(other.doctor.membershipId)).status).toBe(404);
    expect((await get(reception.membershipId)).status).toBe(400);
  });
});

describe('the rules at their edges', () => {
  it('a start at this very moment is not in the past', () => {
    const now = new Date('2037-07-20T12:00:00Z');
    const schedule = {
      timeZone: 'UTC',
      timeFormat: '24h' as const,
      workingHours: 'Mon-Fri 08:00-18:00',
      hours: workingHoursOrClosed('Mon-Fri 08:00-18:00'),
      slotMinutes: 15,
    };
    const slot = { date: '2037-07-20', startTime: '12:00', durationMinutes: 15 };
    expect(checkBookableTime(schedule, { ...slot, startsAt: now }, now)).toEqual({
      outsideHours: false,
    });
    expect(() =>
      checkBookableTime(schedule, { ...slot, startsAt: new Date(now.getTime() - 1) }, now),
    ).toThrow(StartInPastError);
  });

  it('a malformed practitioner id is "not found", never a query', async () => {
    await expect(
      tenantDb(ny.id).transaction((t) => getPractitionerOrThrow(t, 'not-a-uuid')),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
