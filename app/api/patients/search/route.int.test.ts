import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase, useTestDatabase } from '@/test/db';
import {
  createStaffClinic,
  insertPatients,
  signInTo,
  type StaffClinic,
} from '@/test/patient-world';
import { signOut, testSession } from '@/test/session-state';
import { GET } from './route';

const db = useTestDatabase();

async function search(query: string) {
  const res = await GET(new NextRequest(`http://x/api/patients/search${query}`), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
}

describe('GET /api/patients/search', () => {
  let a: StaffClinic;
  let b: StaffClinic;

  beforeEach(async () => {
    await resetDatabase(db.handle());
    signOut();
    testSession.headers = new Headers();
    a = await createStaffClinic('a');
    b = await createStaffClinic('b');
  });

  it("returns the active clinic's matches only, as { items: [{ id, label, mrn, dateOfBirth }] }", async () => {
    await signInTo(a.staff.receptionist.id, a.id);
    const { status, body, res } = await search('?q=garcia');
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      items: [
        { id: a.patientIds[0], label: 'Garcia, Maria', mrn: 'A-1', dateOfBirth: '1980-04-12' },
      ],
    });
  });

  it('ranks an exact MRN before name matches', async () => {
    await insertPatients(a.id, [
      { givenName: 'Ida', familyName: 'Smithers', dateOfBirth: '1960-01-01' },
      { givenName: 'Kim', familyName: 'Park', dateOfBirth: '1961-01-01', mrn: 'SMITH' },
    ]);
    await signInTo(a.staff.receptionist.id, a.id);
    const { body } = await search('?q=smith');
    expect((body.items as { label: string }[]).map((i) => i.label)).toEqual([
      'Park, Kim',
      'Smith, James',
      'Smithers, Ida',
    ]);
  });

  it('finds by phone, MRN digits, e-mail and date of birth; digits past any number are no 500', async () => {
    const [noor] = await insertPatients(a.id, [
      {
        givenName: 'Noor',
        familyName: 'Haddad',
        dateOfBirth: '2001-02-03',
        phone: '+1 555 010 2030',
        email: 'noor@example.com',
        mrn: 'MRN-000777',
      },
    ]);
    await signInTo(a.staff.receptionist.id, a.id);
    for (const q of ['(555)%20010-2030', '777', 'NOOR%40EXAMPLE', '3%20Feb%202001']) {
      const { status, body } = await search(`?q=${q}`);
      expect(status, q).toBe(200);
      expect(
        (body.items as { id: string }[]).map((i) => i.id),
        q,
      ).toEqual([noor!.id]);
    }
    const huge = await search(`?q=${'9'.repeat(100)}`);
    expect(huge).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('defaults the limit to 10 and caps it at 25', async () => {
    await insertPatients(
      a.id,
      Array.from({ length: 30 }, (_, i) => ({
        givenName: `N${i}`,
        familyName: 'Nguyen',
        dateOfBirth: '1990-01-01',
      })),
    );
    await signInTo(a.staff.receptionist.id, a.id);
    expect(((await search('?q=nguyen')).body.items as unknown[]).length).toBe(10);
    expect(((await search('?q=nguyen&limit=3')).body.items as unknown[]).length).toBe(3);
    expect(((await search('?q=nguyen&limit=500')).body.items as unknown[]).length).toBe(25);
  });

  it.each([
    ['', /q/],
    ['?q=', /q/],
    ['?q=%20%20', /q/],
    [`?q=${'x'.repeat(101)}`, /q/],
    ['?q=ann&limit=0', /limit/],
    ['?q=ann&limit=lots', /limit/],
    ['?q=ann&limit=', /limit/],
    // Postgres refuses a NUL in text: it must be a 400 before any query, never a 500.
    ['?q=a%00', /^q: .*control characters/],
    ['?q=a%0Ab', /^q: .*control characters/],
    ['?q=555%00010%202030', /^q: .*control characters/],
    ['?q=2001-02-03%00', /^q: .*control characters/],
    [`?q=${'5'.repeat(101)}`, /q/],
  ])('rejects %j with a 400 JSON error', async (query, field) => {
    await signInTo(a.staff.receptionist.id, a.id);
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error).toMatch(field);
  });

  it('is 401 for anonymous callers and 403 without an active clinic', async () => {
    expect((await search('?q=garcia')).status).toBe(401);
    await signInTo(a.staff.receptionist.id, null);
    expect((await search('?q=garcia')).status).toBe(403);
  });

  it('never lets a query parameter or header choose the clinic', async () => {
    await signInTo(b.staff.receptionist.id, b.id);
    testSession.headers = new Headers({ 'x-clinic-id': a.id });
    const { body } = await search(`?q=garcia&clinicId=${a.id}`);
    expect((body.items as { id: string }[]).map((i) => i.id)).toEqual([b.patientIds[0]]);
  });
});
