import { describe, expect, it } from 'vitest';
import {
  isStalePageRefusal,
  NOTHING_SAVED,
  pageStampHeaders,
  readPageStampHeaders,
} from './page-stamp';

describe('isStalePageRefusal', () => {
  it('knows a stale-page refusal by its ending', () => {
    expect(isStalePageRefusal(`This page is out of date. ${NOTHING_SAVED}`)).toBe(true);
  });

  it.each([
    ['Nothing was saved. Try again.'],
    ['Please sign in'],
    [undefined],
    [{ message: NOTHING_SAVED }],
  ])('is false for %j', (message) => {
    expect(isStalePageRefusal(message)).toBe(false);
  });
});

describe('the stamp headers', () => {
  it('carry the stamp there and back', () => {
    const stamp = { clinicId: 'c', userId: 'u' };
    const headers = new Headers(pageStampHeaders(stamp));
    expect([...headers.keys()]).toEqual(['x-page-clinic-id', 'x-page-user-id']);
    expect(readPageStampHeaders(headers)).toEqual(stamp);
  });
});
