import { describe, expect, it } from 'vitest';
import { SETTING_SCHEMAS } from '@/lib/settings/catalog';
import { isWithinHours, minutesOf, parseWorkingHours, timeOf } from './working-hours';

const hoursOf = (text: string) => {
  const r = parseWorkingHours(text);
  if (!r.ok) throw new Error(r.error);
  return r.hours;
};

describe('parseWorkingHours', () => {
  it('reads the default: weekdays 08:00-18:00, weekend closed', () => {
    const h = hoursOf('Mon-Fri 08:00-18:00');
    for (let d = 0; d < 5; d += 1) expect(h[d]).toEqual([{ start: 480, end: 1080 }]);
    expect(h[5]).toEqual([]);
    expect(h[6]).toEqual([]);
  });

  it('reads several rules, day lists, split days and spaces, case-insensitively', () => {
    const h = hoursOf(' mon , wed 08:00 - 12:00, 13:00-18:00 ;Sat 09:00-13:00; Sun 22:00-24:00 ');
    expect(h[0]).toEqual([
      { start: 480, end: 720 },
      { start: 780, end: 1080 },
    ]);
    expect(h[1]).toEqual([]);
    expect(h[2]).toEqual(h[0]);
    expect(h[5]).toEqual([{ start: 540, end: 780 }]);
    expect(h[6]).toEqual([{ start: 1320, end: 1440 }]);
  });

  it('merges overlapping and touching intervals of the same day', () => {
    expect(hoursOf('Mon 08:00-12:00; Mon 11:00-13:00, 13:00-14:00')[0]).toEqual([
      { start: 480, end: 840 },
    ]);
  });

  it.each([
    ['', 'Enter the hours'],
    ['Mon-Fri', 'needs days and hours'],
    ['Mon-Fry 08:00-18:00', '"Mon-Fry" is not a day'],
    ['Fri-Mon 08:00-18:00', 'runs backwards'],
    ['Mon 8-18', '"8-18" is not a time range'],
    ['Mon 08:00-25:00', 'is not a time range'],
    ['Mon 08:60-09:00', 'is not a time range'],
    ['Mon 18:00-08:00', 'ends before it starts'],
    ['Mon 08:00-08:00', 'ends before it starts'],
    ['Mon-Tue-Wed 08:00-09:00', 'is not a day'],
  ])('refuses %j with a message naming the problem', (text, message) => {
    const r = parseWorkingHours(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('isWithinHours', () => {
  const h = hoursOf('Mon-Fri 08:00-12:00, 13:00-18:00');
  it('accepts a slot inside one interval, touching its ends', () => {
    expect(isWithinHours(h, 1, minutesOf('08:00'), 30)).toBe(true);
    expect(isWithinHours(h, 5, minutesOf('17:30'), 30)).toBe(true);
  });
  it('refuses before opening, across the break, after closing, and closed days', () => {
    expect(isWithinHours(h, 1, minutesOf('07:45'), 30)).toBe(false);
    expect(isWithinHours(h, 1, minutesOf('11:45'), 30)).toBe(false);
    expect(isWithinHours(h, 1, minutesOf('17:45'), 30)).toBe(false);
    expect(isWithinHours(h, 6, minutesOf('10:00'), 30)).toBe(false);
    expect(isWithinHours(h, 7, minutesOf('10:00'), 30)).toBe(false);
  });
});

describe('time helpers', () => {
  it('convert both ways', () => {
    expect(minutesOf('09:05')).toBe(545);
    expect(timeOf(545)).toBe('09:05');
  });
});

describe('the working_hours setting schema', () => {
  it('accepts valid hours and refuses invalid ones with the parser message', () => {
    expect(SETTING_SCHEMAS.working_hours.safeParse('Mon-Sat 09:00-17:00').success).toBe(true);
    const bad = SETTING_SCHEMAS.working_hours.safeParse('Mon-Fri 9 to 5');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('"9 to 5" is not a time range');
  });
});
