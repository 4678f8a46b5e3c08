import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  isIsoDate,
  isoWeekday,
  localDate,
  localDaysRange,
  localTime,
  shiftDate,
  todayIn,
  zonedToUtc,
} from './time';
import { bookAppointmentSchema } from './schemas';

const NY = 'America/New_York';

describe('clinic wall-clock time ⇄ UTC', () => {
  it.each([
    // EDT (UTC-4) in summer, EST (UTC-5) in winter.
    ['2026-07-15', '09:00', NY, '2026-07-15T13:00:00.000Z'],
    ['2026-01-15', '09:00', NY, '2026-01-15T14:00:00.000Z'],
    ['2026-03-09', '09:00', NY, '2026-03-09T13:00:00.000Z'], // day after spring forward
    ['2026-11-02', '09:00', NY, '2026-11-02T14:00:00.000Z'], // day after fall back
    ['2026-07-15', '09:00', 'Europe/Berlin', '2026-07-15T07:00:00.000Z'],
    ['2026-07-15', '09:00', 'Asia/Kolkata', '2026-07-15T03:30:00.000Z'],
    ['2026-07-15', '00:15', 'Pacific/Auckland', '2026-07-14T12:15:00.000Z'],
    ['2026-07-15', '09:00', 'UTC', '2026-07-15T09:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, tz, iso) => {
    const instant = zonedToUtc(date, time, tz);
    expect(instant?.toISOString()).toBe(iso);
    expect(localDate(instant!, tz)).toBe(date);
    expect(localTime(instant!, tz)).toBe(time);
  });

  it('refuses a time the clocks skip (spring forward) instead of shifting it', () => {
    expect(zonedToUtc('2026-03-08', '02:30', NY)).toBeNull();
    expect(zonedToUtc('2026-03-08', '03:00', NY)?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('takes the first of a repeated hour (fall back)', () => {
    expect(zonedToUtc('2026-11-01', '01:30', NY)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('spans whole local days, including a 23-hour DST day', () => {
    const { start, end } = localDaysRange('2026-03-08', '2026-03-08', NY);
    expect(start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('knows today in the clinic, not on the server', () => {
    const now = new Date('2026-11-28T03:00:00Z'); // still the 27th in New York
    expect(todayIn(NY, now)).toBe('2026-11-27');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-11-28');
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['1899-12-31', false],
    ['', false],
    ['2026-07-15T00:00', false],
  ])('isIsoDate(%j) = %s', (value, ok) => expect(isIsoDate(value)).toBe(ok));

  it('shifts, counts and names weekdays across month and year ends', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-27', '2026-12-04')).toBe(7);
    expect(isoWeekday('2026-11-27')).toBe(5); // Friday
    expect(isoWeekday('2026-11-29')).toBe(7); // Sunday
  });
});

describe('booking schema', () => {
  const valid = {
    patientId: '4b1c7f8e-2b7a-4f6e-9a0e-3f1f2c3d4e5f',
    practitionerMembershipId: '7d9e8f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    date: '2026-07-15',
    startTime: '09:00',
    durationMinutes: '30',
  };

  it('coerces the duration from form text', () => {
    expect(bookAppointmentSchema.parse(valid).durationMinutes).toBe(30);
  });

  it.each([
    [{ durationMinutes: '22' }, 'durationMinutes'],
    [{ durationMinutes: '245' }, 'durationMinutes'],
    [{ durationMinutes: '0' }, 'durationMinutes'],
    [{ outsideHours: 'yes' }, 'outsideHours'],
    [{ durationMinutes: 'abc' }, 'durationMinutes'],
    [{ startTime: '9am' }, 'startTime'],
    [{ startTime: '24:00' }, 'startTime'],
    [{ date: '2026-02-30' }, 'date'],
    [{ patientId: '' }, 'patientId'],
    [{ reason: 'x'.repeat(501) }, 'reason'],
  ])('rejects %j', (patch, field) => {
    const result = bookAppointmentSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('is strict: a smuggled clinicId or status is an error, not ignored', () => {
    expect(bookAppointmentSchema.safeParse({ ...valid, clinicId: valid.patientId }).success).toBe(
      false,
    );
    expect(bookAppointmentSchema.safeParse({ ...valid, status: 'completed' }).success).toBe(false);
  });
});
