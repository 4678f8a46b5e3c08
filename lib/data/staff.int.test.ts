import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/staff/search/route';
import {
  makeClinic,
  makeMember,
  signInMember,
  type Member,
  type TestClinic,
} from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { signOut } from '@/test/session-state';

const db = useTestDatabase();

let north: TestClinic;
let south: TestClinic;
let northNurse: Member;
let northReception: Member;

interface Item {
  id: string;
  label: string;
  role: string;
  email: string;
}

async function search(query = ''): Promise<{ status: number; items: Item[]; body: unknown }> {
  const res = await GET(new NextRequest(`http://localhost/api/staff/search${query}`), {
    params: Promise.resolve({}),
  });
  const body = (await res.json()) as { items?: Item[] };
  return { status: res.status, items: body.items ?? [], body };
}

beforeEach(async () => {
  await resetDatabase(db.handle());
  signOut();
  north = await makeClinic('north');
  south = await makeClinic('south');
  // The same names in both clinics, so a leak would show as a duplicate.
  northNurse = await makeMember(north.id, 'nurse', {
    name: 'Alex Morgan',
    email: 'alex.n@north.test',
  });
  await makeMember(south.id, 'nurse', { name: 'Alex Morgan', email: 'alex.s@south.test' });
  northReception = await makeMember(north.id, 'receptionist', { name: 'Robin Lee' });
  await makeMember(north.id, 'clinic_admin', { name: 'Admin North' });
  await makeMember(north.id, 'nurse', { name: 'Sam 100%_Cho' });
  await makeMember(north.id, 'doctor', { name: 'Disabled Doc', disabled: true });
  await signInMember(northReception);
});

describe('GET /api/staff/search', () => {
  it("lists the active clinic's enabled practitioners only, by name, in the picker shape", async () => {
    const { status, items, body } = await search();
    expect(status).toBe(200);
    // No receptionist and no clinic admin: only the clinical roles can be booked.
    expect(items.map((i) => i.label)).toEqual(['Alex Morgan', 'Dr north', 'Sam 100%_Cho']);
    expect(new Set(items.map((i) => i.role))).toEqual(new Set(['doctor', 'nurse']));
    expect(items[0]).toEqual({
      id: northNurse.membershipId,
      label: 'Alex Morgan',
      role: 'nurse',
      email: 'alex.n@north.test',
    });
    expect(Object.keys(body as object)).toEqual(['items']);
  });

  it("a user of the other clinic sees only that clinic's staff", async () => {
    await signInMember(south.doctor);
    const { items } = await search('?q=alex');
    expect(items).toHaveLength(1);
    expect(items[0]!.email).toBe('alex.s@south.test');
  });

  it('filters by role and by name or email, case-insensitively, with wildcards taken literally', async () => {
    expect((await search('?role=nurse')).items.map((i) => i.label)).toEqual([
      'Alex Morgan',
      'Sam 100%_Cho',
    ]);
    expect((await search('?role=doctor')).items.map((i) => i.label)).toEqual(['Dr north']);
    expect((await search('?q=MORGAN')).items.map((i) => i.id)).toEqual([northNurse.membershipId]);
    expect((await search('?q=north.test')).items.map((i) => i.label)).toEqual(['Alex Morgan']);
    expect((await search('?q=100%25_')).items.map((i) => i.label)).toEqual(['Sam 100%_Cho']);
    expect((await search('?q=%25')).items.map((i) => i.label)).toEqual(['Sam 100%_Cho']);
    expect((await search('?q=disabled')).items).toEqual([]);
    expect((await search('?q=robin')).items).toEqual([]);
    expect((await search('?q=&role=')).items).toHaveLength(3);
  });

  it('caps the limit instead of refusing a large one', async () => {
    expect((await search('?limit=1')).items).toHaveLength(1);
    const big = await search('?limit=100000');
    expect(big.status).toBe(200);
    expect(big.items).toHaveLength(3);
  });

  it.each([
    ['?role=surgeon', /role/],
    ['?role=system_admin', /role/],
    // Non-clinical roles are never offered, so asking for one is a bad request.
    ['?role=receptionist', /role/],
    ['?role=clinic_admin', /role/],
    ['?limit=abc', /limit/],
    ['?limit=0', /limit/],
    ['?limit=2.5', /limit/],
    [`?q=${'x'.repeat(101)}`, /q/],
    // Postgres refuses a NUL in text: it must be a 400 before any query, never a 500.
    ['?q=a%00', /^q: .*control characters/],
    ['?q=a%1B%5B31m', /^q: .*control characters/],
  ])('answers bad parameters %s with a 400 and a message', async (query, field) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect((body as { error: string }).error).toMatch(field);
  });

  it('refuses anonymous callers with a 401', async () => {
    signOut();
    const { status, items } = await search();
    expect(status).toBe(401);
    expect(items).toEqual([]);
  });

  it('a forged clinic in the query changes nothing', async () => {
    const { items } = await search(`?clinicId=${south.id}&clinic_id=${south.id}`);
    expect(items.map((i) => i.email)).not.toContain('alex.s@south.test');
    expect(items).toHaveLength(3);
  });
});
