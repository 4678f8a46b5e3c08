import { describe, expect, it } from 'vitest';
import { rangeText } from './range-text';

const noun: [string, string] = ['patient', 'patients'];

describe('rangeText', () => {
  it('tells an exact total, and a capped one as a lower bound', () => {
    expect(rangeText({ page: 1, size: 25, shown: 25, total: 38, capped: false, noun })).toBe(
      '1–25 of 38 patients',
    );
    expect(rangeText({ page: 2, size: 25, shown: 13, total: 38, capped: false, noun })).toBe(
      '26–38 of 38 patients',
    );
    expect(rangeText({ page: 1, size: 25, shown: 25, total: 1000, capped: true, noun })).toBe(
      '1–25 of 1,000+ patients',
    );
    expect(rangeText({ page: 1, size: 25, shown: 1, total: 1, capped: false, noun })).toBe(
      '1–1 of 1 patient',
    );
    expect(rangeText({ page: 1, size: 25, shown: 0, total: 0, capped: false, noun })).toBe(
      'No patients',
    );
  });

  it('never claims fewer rows than it shows (a page number edited in the URL)', () => {
    expect(rangeText({ page: 200, size: 25, shown: 25, total: 1000, capped: true, noun })).toBe(
      '4,976–5,000 of 5,000+ patients',
    );
    expect(rangeText({ page: 9, size: 25, shown: 5, total: 30, capped: false, noun })).toBe(
      '201–205 of 205+ patients',
    );
  });
});
