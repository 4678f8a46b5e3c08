/**
 * lib/auth/session.ts for real. Every other test stands in for it (test/setup.ts); here next-auth
 * itself reads the session cookie and re-issues it, through next/headers as in a request.
 */
import { decode, encode, type JWT } from 'next-auth/jwt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authSecret } from '@/lib/env';
import { readSession, updateSession } from '@/lib/auth/session';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';

vi.unmock('@/lib/auth/session');

const COOKIE = 'authjs.session-token';

/** The browser's side: the cookie it sends, and the cookies the server sets. */
const browser = vi.hoisted(() => ({ cookie: '', set: new Map<string, string>() }));

vi.mock('next/headers', () => ({
  // Plain http, as in development: next-auth assumes https (and its __Secure- cookie) without it.
  headers: async () =>
    new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', cookie: browser.cookie }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: (name: string, value: string) => browser.set.set(name, value),
    delete: () => {},
  }),
}));

const db = useTestDatabase();

async function sendCookie(token: JWT): Promise<void> {
  browser.cookie = `${COOKIE}=${await encode({ token, secret: authSecret(), salt: COOKIE })}`;
}

async function cookieSet(): Promise<JWT | null> {
  const value = browser.set.get(COOKIE);
  return value ? decode({ token: value, secret: authSecret(), salt: COOKIE }) : null;
}

let north: TestClinic;
let harbor: TestClinic;

const claimsOf = (clinicId: string | null) => ({
  uid: north.doctor.userId,
  sv: 1,
  sessionId: '3f0e1b1c-1d2e-4f5a-8b6c-7d8e9f0a1b2c',
  authTime: Date.now(),
  activeClinicId: clinicId,
  activeRole: clinicId ? 'doctor' : null,
  globalMode: false,
});

beforeEach(async () => {
  await resetDatabase(db.handle());
  browser.cookie = '';
  browser.set.clear();
  north = await makeClinic('Northside');
  harbor = await makeClinic('Harbor');
});

describe('readSession', () => {
  it('is null without a session cookie', async () => {
    expect(await readSession()).toBeNull();
  });

  it('answers the claims of a live session cookie', async () => {
    const claims = claimsOf(north.id);
    await sendCookie(claims);
    expect(await readSession()).toEqual({
      uid: claims.uid,
      sv: 1,
      sessionId: claims.sessionId,
      activeClinicId: north.id,
      activeRole: 'doctor',
      globalMode: false,
      supportSessionId: null,
    });
  });

  it('is null for a token that names no user', async () => {
    await sendCookie({ ...claimsOf(north.id), uid: '' });
    expect(await readSession()).toBeNull();
  });
});

describe('updateSession', () => {
  it('re-issues the cookie with the clinic the intent asks for, as the database allows', async () => {
    await sendCookie(claimsOf(null));
    await updateSession({ type: 'switch-clinic', clinicId: north.id });
    expect(await cookieSet()).toMatchObject({ activeClinicId: north.id, activeRole: 'doctor' });

    // Harbor is not the doctor's clinic: the token keeps the clinic it had.
    browser.set.clear();
    await updateSession({ type: 'switch-clinic', clinicId: harbor.id });
    expect(await cookieSet()).toMatchObject({ activeClinicId: null });
  });
});
