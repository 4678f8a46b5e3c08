import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, localTime } from '@/lib/appointments/time';
import { zonedClock } from './csv-sources';

describe('zonedClock', () => {
  it('property: agrees with the app’s own local date and time in every zone', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham'];
    const clocks = new Map(zones.map((z) => [z, zonedClock(z)]));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          expect(clocks.get(zone)!(instant)).toEqual({
            date: localDate(instant, zone),
            time: localTime(instant, zone),
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
