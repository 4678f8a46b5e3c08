/**
 * The members list and the audit log reader against a real database. Two clinics share a member,
 * an action vocabulary and timestamps, so anything read across the clinic wall shows up.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { addMembership } from '@/db/control/memberships';
import { createUser, setUserDisabled } from '@/db/control/users';
import { auditEvents, clinicMemberships } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { normaliseAuditQuery, DEFAULT_AUDIT_QUERY, type AuditQuery } from '@/lib/audit/query';
import { cursorParams, cursorState } from '@/lib/pagination/cursor';
import { setClinicSetting } from '@/lib/settings/write';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR, createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import { listAuditEvents } from './audit';
import { listClinicMembers } from './members';

const db = useTestDatabase();

let a: FixtureClinic;
let b: FixtureClinic;
let alice: string; // clinic_admin of A
let sam: string; // receptionist of A and of B
let bob: string; // B only
let leaver: string; // was in A, membership gone from the tenant's view (never a member here)

async function user(name: string): Promise<string> {
  const u = await createUser(SYSTEM_ACTOR, {
    email: `${name.toLowerCase().replaceAll(' ', '.')}@members.test`,
    name,
    passwordHash: 'not-a-real-hash',
  });
  return u.id;
}

const ctxOf = (clinicId: string) => ({ db: tenantDb(clinicId) });
const query = (patch: Partial<AuditQuery> = {}): AuditQuery => ({
  ...DEFAULT_AUDIT_QUERY,
  ...patch,
});

interface Event {
  at: string;
  actor: string | null;
  action: string;
  entityId?: string;
}

async function record(clinicId: string, events: Event[]): Promise<void> {
  await tenantDb(clinicId).transaction((t) =>
    t.insert(
      auditEvents,
      events.map((e) => ({
        occurredAt: new Date(e.at),
        actorUserId: e.actor,
        action: e.action,
        entityType: e.entityId ? 'patient' : undefined,
        entityId: e.entityId,
        outcome: 'success' as const,
        requestId: `req-${e.at}`,
      })),
    ),
  );
}

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createFixtureClinic('a');
  b = await createFixtureClinic('b');
  alice = await user('Alice Admin');
  sam = await user('Sam Shared');
  bob = await user('Bob Other');
  leaver = await user('Lee Leaver');
  await addMembership(SYSTEM_ACTOR, { userId: alice, clinicId: a.id, roleId: 'clinic_admin' });
  await addMembership(SYSTEM_ACTOR, { userId: sam, clinicId: a.id, roleId: 'receptionist' });
  await addMembership(SYSTEM_ACTOR, { userId: sam, clinicId: b.id, roleId: 'nurse' });
  await addMembership(SYSTEM_ACTOR, { userId: bob, clinicId: b.id, roleId: 'clinic_admin' });
});

describe('members', () => {
  it("lists the active clinic's staff only, with role names", async () => {
    const { members } = await listClinicMembers(ctxOf(a.id));
    expect(members.map((m) => [m.name, m.roleName])).toEqual([
      ['Alice Admin', 'Clinic admin'],
      ['Dr a', 'Doctor'],
      ['Sam Shared', 'Receptionist'],
    ]);
    // Sam is a nurse in B, a receptionist in A: each clinic sees its own membership.
    const inB = (await listClinicMembers(ctxOf(b.id))).members;
    expect(inB.map((m) => [m.name, m.roleName])).toEqual([
      ['Bob Other', 'Clinic admin'],
      ['Dr b', 'Doctor'],
      ['Sam Shared', 'Nurse'],
    ]);
    expect(members.some((m) => m.userId === bob || m.userId === leaver)).toBe(false);
  });

  it('returns a DTO (no password hash, no session data) and flags disabled accounts', async () => {
    await setUserDisabled(SYSTEM_ACTOR, sam, true);
    const { members } = await listClinicMembers(ctxOf(a.id));
    const samRow = members.find((m) => m.userId === sam);
    expect(samRow).toMatchObject({ email: 'sam.shared@members.test', disabled: true });
    expect(Object.keys(samRow!).sort()).toEqual(
      [
        'disabled',
        'email',
        'membershipId',
        'name',
        'roleId',
        'roleName',
        'since',
        'sinceLabel',
        'userId',
      ].sort(),
    );
  });

  it('shows "since" as a day in the clinic timezone', async () => {
    // Noon UTC on 4 March is already 02:00 on 5 March in Kiritimati (UTC+14).
    await db
      .handle()
      .db.update(clinicMemberships)
      .set({ createdAt: new Date('2026-03-04T12:00:00Z') })
      .where(and(eq(clinicMemberships.userId, alice), eq(clinicMemberships.clinicId, a.id)));
    await tenantDb(a.id).transaction((t) =>
      setClinicSetting(t, 'timezone', 'Pacific/Kiritimati', null),
    );
    const { members, clock } = await listClinicMembers(ctxOf(a.id));
    expect(clock.timeZone).toBe('Pacific/Kiritimati');
    expect(members.find((m) => m.userId === alice)).toMatchObject({
      since: '2026-03-04T12:00:00.000Z',
      sinceLabel: '5 Mar 2026',
    });
  });
});

describe('audit log', () => {
  beforeEach(async () => {
    // America/New_York is UTC-5 in early March 2026 (DST starts on 8 March).
    await tenantDb(a.id).transaction((t) =>
      setClinicSetting(t, 'timezone', 'America/New_York', null),
    );
    await record(a.id, [
      { at: '2026-03-03T15:00:00Z', actor: alice, action: 'patient.create', entityId: 'p1' },
      // 23:30 on 3 March in New York, though already 4 March in UTC.
      { at: '2026-03-04T04:30:00Z', actor: sam, action: 'patient.view', entityId: 'p1' },
      // 00:30 on 4 March in New York.
      { at: '2026-03-04T05:30:00Z', actor: null, action: 'export.run' },
      { at: '2026-03-04T18:00:00Z', actor: alice, action: 'patient.view', entityId: 'p2' },
      // 23:59 on 4 March in New York.
      { at: '2026-03-05T04:59:00Z', actor: leaver, action: 'patient.update', entityId: 'p2' },
      // 00:00 on 5 March in New York.
      { at: '2026-03-05T05:00:00Z', actor: sam, action: 'appointment.book' },
    ]);
    // Clinic B: the same actions, the shared member, the same hours, and an action A never had.
    await record(b.id, [
      { at: '2026-03-04T05:30:00Z', actor: sam, action: 'patient.view', entityId: 'b1' },
      { at: '2026-03-04T18:00:00Z', actor: bob, action: 'patient.create', entityId: 'b2' },
      { at: '2026-03-04T19:00:00Z', actor: null, action: 'export.run' },
      { at: '2026-03-04T20:00:00Z', actor: bob, action: 'b.only_action' },
    ]);
  });

  const times = (rows: { occurredAt: string }[]) => rows.map((r) => r.occurredAt);

  it("lists the clinic's events newest first, never another clinic's", async () => {
    const log = await listAuditEvents(ctxOf(a.id), query());
    expect(log.total).toBe(6);
    expect(log.totalCapped).toBe(false);
    expect(times(log.rows)).toEqual([
      '2026-03-05T05:00:00.000Z',
      '2026-03-05T04:59:00.000Z',
      '2026-03-04T18:00:00.000Z',
      '2026-03-04T05:30:00.000Z',
      '2026-03-04T04:30:00.000Z',
      '2026-03-03T15:00:00.000Z',
    ]);
    expect(log.rows.some((r) => r.entityId?.startsWith('b'))).toBe(false);
    expect(log.actions).toEqual([
      'appointment.book',
      'export.run',
      'patient.create',
      'patient.update',
      'patient.view',
    ]);
    expect(log.actors.map((x) => x.name)).toEqual(['Alice Admin', 'Dr a', 'Sam Shared']);
    expect(log.timezone).toBe('America/New_York');

    const inB = await listAuditEvents(ctxOf(b.id), query());
    expect(inB.total).toBe(4);
    expect(inB.actions).toContain('b.only_action');
    expect(inB.rows.every((r) => r.entityId === null || r.entityId.startsWith('b'))).toBe(true);
  });

  it('shows times in the clinic timezone and actor names (System, former members)', async () => {
    const log = await listAuditEvents(ctxOf(a.id), query());
    const byTime = new Map(log.rows.map((r) => [r.occurredAt, r]));
    expect(byTime.get('2026-03-04T04:30:00.000Z')).toMatchObject({
      occurredAtLabel: '3 Mar 2026, 23:30:00',
      actorName: 'Sam Shared',
      action: 'patient.view',
      entityType: 'patient',
      entityId: 'p1',
      outcome: 'success',
      requestId: 'req-2026-03-04T04:30:00Z',
    });
    expect(byTime.get('2026-03-04T05:30:00.000Z')?.actorName).toBe('System');
    expect(byTime.get('2026-03-05T04:59:00.000Z')?.actorName).toBe('Former member');
  });

  it('filters by actor, including "system" for events without a user', async () => {
    const bySam = await listAuditEvents(ctxOf(a.id), query({ actor: sam }));
    expect(times(bySam.rows)).toEqual(['2026-03-05T05:00:00.000Z', '2026-03-04T04:30:00.000Z']);
    expect(bySam.total).toBe(2);

    const bySystem = await listAuditEvents(ctxOf(a.id), query({ actor: 'system' }));
    expect(times(bySystem.rows)).toEqual(['2026-03-04T05:30:00.000Z']);

    // Bob is B's: in A his id matches nothing.
    expect((await listAuditEvents(ctxOf(a.id), query({ actor: bob }))).total).toBe(0);
  });

  it('filters by action', async () => {
    const views = await listAuditEvents(ctxOf(a.id), query({ action: 'patient.view' }));
    expect(times(views.rows)).toEqual(['2026-03-04T18:00:00.000Z', '2026-03-04T04:30:00.000Z']);
    const combined = await listAuditEvents(
      ctxOf(a.id),
      query({ action: 'patient.view', actor: alice }),
    );
    expect(times(combined.rows)).toEqual(['2026-03-04T18:00:00.000Z']);
    // An action only clinic B has finds nothing in A.
    expect((await listAuditEvents(ctxOf(a.id), query({ action: 'b.only_action' }))).total).toBe(0);
  });

  it('filters by whole days in the clinic timezone, both ends included', async () => {
    const day = await listAuditEvents(ctxOf(a.id), query({ from: '2026-03-04', to: '2026-03-04' }));
    expect(times(day.rows)).toEqual([
      '2026-03-05T04:59:00.000Z',
      '2026-03-04T18:00:00.000Z',
      '2026-03-04T05:30:00.000Z',
    ]);
    const onlyFrom = await listAuditEvents(ctxOf(a.id), query({ from: '2026-03-05' }));
    expect(times(onlyFrom.rows)).toEqual(['2026-03-05T05:00:00.000Z']);
    const onlyTo = await listAuditEvents(ctxOf(a.id), query({ to: '2026-03-03' }));
    expect(times(onlyTo.rows)).toEqual(['2026-03-04T04:30:00.000Z', '2026-03-03T15:00:00.000Z']);
  });

  /** `n` views by Alice, a minute apart, on 1 January 2026. */
  const recordViews = (clinicId: string, n: number) =>
    record(
      clinicId,
      Array.from({ length: n }, (_, i) => ({
        at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        actor: alice,
        action: 'patient.view',
      })),
    );

  /** Every page by Next, then back by Previous (the links' cursors): ids in the order seen. */
  async function walk(patch: Partial<AuditQuery>) {
    const at = (cursor: ReturnType<typeof cursorParams>) =>
      query({ ...patch, ...cursorState(cursor) });
    let page = await listAuditEvents(ctxOf(a.id), query(patch));
    const forwards = page.rows.map((r) => r.id);
    const numbers = [page.pager.page];
    while (page.pager.hasNext) {
      page = await listAuditEvents(ctxOf(a.id), at(cursorParams(page.pager, 'next')));
      forwards.push(...page.rows.map((r) => r.id));
      numbers.push(page.pager.page);
    }
    const backwards = page.rows.map((r) => r.id);
    while (page.pager.hasPrevious) {
      page = await listAuditEvents(ctxOf(a.id), at(cursorParams(page.pager, 'previous')));
      backwards.unshift(...page.rows.map((r) => r.id));
    }
    return { forwards, backwards, numbers };
  }

  it('pages by keyset, newest first: no event skipped or repeated when times tie', async () => {
    // 55 views at 11 instants: five events share each time, and pages split them.
    const many = Array.from({ length: 55 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1, 0, i % 11)).toISOString(),
      actor: i % 2 ? alice : sam,
      action: 'patient.view',
    }));
    await record(a.id, many);
    const all = await listAuditEvents(ctxOf(a.id), query({ pageSize: 100 }));
    expect([all.total, all.rows.length]).toEqual([61, 61]);
    for (const patch of [{}, { action: 'patient.view' }, { actor: alice }, { to: '2026-01-01' }]) {
      const whole = (await listAuditEvents(ctxOf(a.id), query({ ...patch, pageSize: 100 }))).rows;
      const { forwards, backwards, numbers } = await walk({ ...patch, pageSize: 25 });
      expect(forwards, JSON.stringify(patch)).toEqual(whole.map((r) => r.id));
      expect(backwards, JSON.stringify(patch)).toEqual(whole.map((r) => r.id));
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('shows the first page for a malformed, unknown or foreign cursor', async () => {
    await recordViews(a.id, 30);
    const first = await listAuditEvents(ctxOf(a.id), query({ pageSize: 25 }));
    const inB = await listAuditEvents(ctxOf(b.id), query({ pageSize: 25 }));
    const foreign = inB.rows[1]!.id;
    for (const raw of [
      { after: 'nope', page: 2 },
      { after: foreign, page: 2 },
      { before: foreign, page: 3 },
      { after: '00000000-0000-0000-0000-000000000000', page: 2 },
    ]) {
      const q = normaliseAuditQuery({ ...raw, size: 25 });
      const page = await listAuditEvents(ctxOf(a.id), q);
      expect(
        page.rows.map((r) => r.id),
        JSON.stringify(raw),
      ).toEqual(first.rows.map((r) => r.id));
      expect(page.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    }
  });

  it('stops counting at the cap and says so, still paging newest first', async () => {
    // One page holds all six: its length is the total, nothing is counted.
    const one = await listAuditEvents(ctxOf(a.id), query({ pageSize: 25 }), { countCap: 4 });
    expect(one).toMatchObject({ total: 6, totalCapped: false });
    expect(times(one.rows)[0]).toBe('2026-03-05T05:00:00.000Z');
    await recordViews(a.id, 30);
    const over = await listAuditEvents(ctxOf(a.id), query({ pageSize: 25 }), { countCap: 30 });
    expect(over).toMatchObject({ total: 30, totalCapped: true });
    const exact = await listAuditEvents(ctxOf(a.id), query({ pageSize: 25 }), { countCap: 36 });
    expect(exact).toMatchObject({ total: 36, totalCapped: false });
  });

  it('falls back to defaults on malformed search params instead of failing', async () => {
    const q = normaliseAuditQuery({
      page: -4,
      size: 7,
      actor: "' or 1=1 --",
      action: 'patient.view; drop table audit_events',
      from: '2026-02-30',
      to: 'yesterday',
    });
    expect(q).toEqual(DEFAULT_AUDIT_QUERY);
    const log = await listAuditEvents(ctxOf(a.id), q);
    expect(log.total).toBe(6);
    expect(await tenantDb(a.id).count(auditEvents, eq(auditEvents.action, 'patient.view'))).toBe(2);
  });
});
