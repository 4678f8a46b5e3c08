/**
 * The machinery behind test/isolation-matrix.int.test.ts: a fixture "world" with two clinics that
 * share patient names, a user for every clinic role, an operator and a few spare accounts; full
 * snapshots of the data; and one checker per kind of endpoint. Checkers return a list of problems
 * instead of asserting, so the matrix can also prove that they catch a leaky endpoint.
 */
import { isDeepStrictEqual } from 'node:util';
import { and, asc, count, eq, is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import type { NextRequest } from 'next/server';
import { NextRequest as NextRequestImpl } from 'next/server';
import { getDb } from '@/db/client';
import { createClinic, setClinicActive } from '@/db/control/clinics';
import { addMembership } from '@/db/control/memberships';
import { markSessionMfaVerified } from '@/db/control/mfa';
import { createUser, findUserByEmail, getUser, setUserDisabled } from '@/db/control/users';
import * as schema from '@/db/schema';
import { tenantDb, type TenantTable } from '@/db/tenant';
import {
  CLINIC_ROLES,
  roleHasPermission,
  type ClinicRole,
  type Permission,
} from '@/lib/auth/permissions';
import type { PageStamp } from '@/lib/auth/page-stamp';
import { isStalePageRefusal, pageStampHeaders } from '@/lib/auth/page-stamp';
import type { SessionView } from '@/lib/auth/session';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { storeAttachment } from '@/lib/files/attachments';
import { SYSTEM_ACTOR, createFixtureClinic } from './fixtures';
import { callersLacking } from './lacking-role';
import { makeMfaWorld, type MfaWorld } from './mfa-fixtures';
import { encodeMultipart } from './multipart';
import { currentPageStamp, signInAs, signOut, testSession } from './session-state';

// ---------------------------------------------------------------------------------------------
// The world

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

export interface WorldClinic {
  id: string;
  patientIds: string[];
  /** The doctor's membership; it has an appointment, so removing it hits the composite FK. */
  practitionerMembershipId: string;
  appointmentId: string;
  users: Record<ClinicRole, TestUser>;
  memberships: Record<ClinicRole, string>;
}

export interface World {
  a: WorldClinic;
  b: WorldClinic;
  inactiveClinic: { id: string };
  /** system_admin, no memberships. */
  ops: TestUser;
  /** No memberships at all. */
  loner: TestUser;
  disabledUser: TestUser;
  /** Member of A (nurse) and B (receptionist). */
  shared: TestUser;
  /** MFA: a user enrolled and one with set-up started, with their secrets (test/mfa-fixtures). */
  mfa: MfaWorld;
}

let seq = 0;

async function makeUser(label: string, systemRoleId?: 'system_admin'): Promise<TestUser> {
  seq += 1;
  const email = `${label}.${seq}@matrix.test`;
  const user = await createUser(SYSTEM_ACTOR, {
    email,
    name: label,
    passwordHash: 'not-a-real-hash',
    systemRoleId: systemRoleId ?? null,
  });
  return { id: user.id, email, name: label };
}

async function makeClinic(label: 'a' | 'b'): Promise<WorldClinic> {
  const fixture = await createFixtureClinic(label);
  const doctor = await findUserByEmail(`dr.${fixture.slug}@test.test`);
  if (!doctor) throw new Error('fixture doctor missing');
  const users = { doctor: { id: doctor.id, email: doctor.email, name: doctor.name } } as Record<
    ClinicRole,
    TestUser
  >;
  const memberships = { doctor: fixture.practitionerMembershipId } as Record<ClinicRole, string>;
  for (const role of CLINIC_ROLES) {
    if (users[role]) continue;
    users[role] = await makeUser(`${role}-${label}`);
    memberships[role] = (
      await addMembership(SYSTEM_ACTOR, {
        userId: users[role].id,
        clinicId: fixture.id,
        roleId: role,
      })
    ).id;
  }
  const [patientId] = fixture.patientIds;
  // In the future, so it can still be rescheduled and cancelled.
  const startsAt = new Date('2030-06-03T09:00:00Z');
  const appointment = await tenantDb(fixture.id).transaction((t) =>
    t.insert(schema.appointments, {
      patientId: patientId!,
      practitionerMembershipId: fixture.practitionerMembershipId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      reason: 'Check-up',
    }),
  );
  return {
    id: fixture.id,
    patientIds: fixture.patientIds,
    practitionerMembershipId: fixture.practitionerMembershipId,
    appointmentId: appointment.id,
    users,
    memberships,
  };
}

/** Stores an export file of the clinic (what the download route serves): its attachment id. */
export async function storeExportFile(clinicId: string): Promise<string> {
  const row = await storeAttachment(
    tenantDb(clinicId),
    {
      entityType: 'patient_list',
      entityId: clinicId,
      purpose: 'export',
      filename: 'patients.csv',
      contentType: 'text/csv; charset=utf-8',
      createdBy: null,
      replacePrevious: true,
    },
    Buffer.from('MRN\r\nA-1\r\n'),
  );
  return row.id;
}

/** Builds the world on an empty database (call resetDatabase first). */
export async function buildWorld(): Promise<World> {
  const a = await makeClinic('a');
  const b = await makeClinic('b');
  const inactive = await createClinic(SYSTEM_ACTOR, {
    name: 'Closed clinic',
    slug: `closed-${++seq}`,
    timezone: 'UTC',
  });
  await setClinicActive(SYSTEM_ACTOR, inactive.id, false);
  const ops = await makeUser('ops', 'system_admin');
  const loner = await makeUser('loner');
  const disabledUser = await makeUser('disabled');
  await setUserDisabled(SYSTEM_ACTOR, disabledUser.id, true);
  const shared = await makeUser('shared');
  await addMembership(SYSTEM_ACTOR, { userId: shared.id, clinicId: a.id, roleId: 'nurse' });
  await addMembership(SYSTEM_ACTOR, { userId: shared.id, clinicId: b.id, roleId: 'receptionist' });
  const mfa = await makeMfaWorld();
  return { a, b, inactiveClinic: { id: inactive.id }, ops, loner, disabledUser, shared, mfa };
}

// ---------------------------------------------------------------------------------------------
// Who is calling

export interface Caller {
  label: string;
  user: TestUser;
  clinicId?: string | null;
  globalMode?: boolean;
  /** The session has passed its MFA code step (for a user with MFA). */
  mfaVerified?: boolean;
}

/** Signs in with the user's live session version (access changes bump it). */
export async function signIn(caller: Caller): Promise<void> {
  const row = await getUser(caller.user.id);
  if (!row) throw new Error(`no user ${caller.user.id}`);
  await signInAs(
    { id: row.id, sessionVersion: row.sessionVersion },
    { clinicId: caller.clinicId ?? null, globalMode: caller.globalMode ?? false },
  );
  const sessionId = testSession.current?.sessionId;
  if (caller.mfaVerified && sessionId) await markSessionMfaVerified(sessionId, 'password+totp');
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/** Every tenant table (declared through tenantTable(), i.e. with a clinic policy) but the audit log. */
export const TENANT_TABLES: TenantTable[] = (Object.values(schema) as unknown[]).filter(
  (t): t is TenantTable =>
    is(t, PgTable) &&
    t !== schema.auditEvents &&
    'clinicId' in t &&
    getTableConfig(t).policies.length > 0,
);

const SYSTEM_TABLES = {
  clinics: schema.clinics,
  users: schema.users,
  clinic_memberships: schema.clinicMemberships,
  setting_definitions: schema.settingDefinitions,
  roles: schema.roles,
  permissions: schema.permissions,
  role_permissions: schema.rolePermissions,
  support_sessions: schema.supportSessions,
} as const;

export type Snapshot = Record<string, unknown[]>;

/** A clinic's tenant rows, read through tenantDb (so it holds whatever the connecting role). */
export async function snapshotClinic(clinicId: string): Promise<Snapshot> {
  const out = await tenantDb(clinicId).transaction(async (t) => {
    const rows: Snapshot = {};
    for (const table of TENANT_TABLES) {
      rows[`${clinicId}:${getTableConfig(table).name}`] = await t.list(table, {
        limit: 100_000,
        orderBy: [table.id],
      });
    }
    return rows;
  });
  // Invitations are a system table, but each belongs to one clinic: compared per clinic.
  out[`${clinicId}:invitations`] = await getDb()
    .db.select()
    .from(schema.invitations)
    .where(eq(schema.invitations.clinicId, clinicId))
    .orderBy(asc(schema.invitations.id));
  return out;
}

export async function snapshotSystem(): Promise<Snapshot> {
  const db = getDb().db;
  const out: Snapshot = {};
  for (const [name, table] of Object.entries(SYSTEM_TABLES)) {
    const cols = getTableConfig(table).columns;
    out[name] = await db
      .select()
      .from(table)
      .orderBy(...cols.map((c) => asc(c)));
  }
  return out;
}

export async function snapshotAll(w: World): Promise<Snapshot> {
  return {
    ...(await snapshotSystem()),
    ...(await snapshotClinic(w.a.id)),
    ...(await snapshotClinic(w.b.id)),
    ...(await snapshotClinic(w.inactiveClinic.id)),
  };
}

/** Names of the tables whose rows differ, or [] when equal. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !isDeepStrictEqual(before[k], after[k])).sort();
}

export async function countSystemEvents(
  action: string,
  outcome?: 'success' | 'failure' | 'denied',
): Promise<number> {
  const e = schema.systemAuditEvents;
  const [row] = await getDb()
    .db.select({ n: count() })
    .from(e)
    .where(and(eq(e.action, action), outcome ? eq(e.outcome, outcome) : undefined));
  return row?.n ?? 0;
}

/** Clinic audit rows of one action (the tenant audit log). */
export async function countClinicEvents(clinicId: string, action: string): Promise<number> {
  return tenantDb(clinicId).count(schema.auditEvents, eq(schema.auditEvents.action, action));
}

// ---------------------------------------------------------------------------------------------
// Matrix entries

export interface ActionResult {
  data?: unknown;
  serverError?: unknown;
  validationErrors?: unknown;
}
export type AnyAction = (input: any) => Promise<ActionResult>;
/** A clinic action: the page stamp is bound first (lib/actions/safe-action.ts). */
export type AnyClinicAction = (stamp: PageStamp, input: any) => Promise<ActionResult>;
export type RouteHandler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

interface Base {
  /** `file#export` (actions) or `file#METHOD` (routes), as scripts/endpoints.ts reports it. */
  id: string;
}

/** A tenant-plane action (clinicAction). */
export interface ClinicActionEntry extends Base {
  kind: 'clinic-action';
  action: AnyClinicAction;
  permission: Permission;
  /** A valid input acting on clinic A's data. */
  input: (w: World) => unknown;
  /** The input names existing rows by id: a foreign caller must then be refused outright. */
  takesIds: boolean;
  /** Extra fixture data the entry needs (e.g. a stored file), made once the world is built. */
  prepare?: (w: World) => Promise<void>;
}

/** A tenant-plane route handler (withClinic). */
export interface ClinicRouteEntry extends Base {
  kind: 'clinic-route';
  handler: RouteHandler;
  permission: Permission;
  /** A valid request against clinic A's data. */
  request: (w: World) => {
    url: string;
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
  };
  takesIds: boolean;
  /**
   * What a same-clinic user without the permission gets: 403, or 404 for a route that answers
   * every refusal like a missing id (the file download, so ids cannot be probed).
   */
  deniedStatus?: 403 | 404;
  /** Extra fixture data the entry needs (e.g. a stored file), made once the world is built. */
  prepare?: (w: World) => Promise<void>;
}

/** A control-plane action (controlPlaneAction). */
export interface ControlActionEntry extends Base {
  kind: 'control-action';
  action: AnyAction;
  input: (w: World) => unknown;
  /** After the allowed call: a problem description, or null when the change happened. */
  verify: (w: World, data: unknown) => Promise<string | null>;
}

/** An action on the caller's own session (sessionAction). */
export interface SessionActionEntry extends Base {
  kind: 'session-action';
  action: AnyAction;
  anonymousInput: (w: World) => unknown;
  /**
   * Sets up what the inputs name (a password, another user's session, an invitation) once the
   * world is built.
   */
  prepare?: (w: World) => Promise<void>;
  /**
   * A caller the action must refuse (with a server error, or a field message when the refusal is
   * about an input, such as a wrong current password), with the audit row the refusal writes.
   */
  refused: { who: (w: World) => Caller; input: (w: World) => unknown; audit: string };
  allowed: {
    who: (w: World) => Caller;
    input: (w: World) => unknown;
    check: (w: World, session: SessionView | null) => string | null;
  };
}

/** An action anyone may call, listed with the reason it is public. */
export interface PublicActionEntry extends Base {
  kind: 'public-action';
  reason: string;
}

export type MatrixEntry =
  | ClinicActionEntry
  | ClinicRouteEntry
  | ControlActionEntry
  | SessionActionEntry
  | PublicActionEntry;

// ---------------------------------------------------------------------------------------------
// Checkers

const UNAUTHENTICATED = new UnauthenticatedError().message;
const FORBIDDEN = new ForbiddenError().message;
const CONTROL_PLANE_REFUSED = 'This needs a system admin in global mode.';

function describe(r: ActionResult): string {
  return JSON.stringify({
    data: r.data === undefined ? undefined : '…',
    serverError: r.serverError,
    validationErrors: r.validationErrors,
  });
}

function refusedWith(r: ActionResult, message: string): boolean {
  return r.data === undefined && r.serverError === message;
}

/** Ids that belong to clinic A only: none may appear in what clinic B's user gets back. */
function clinicAIds(w: World): string[] {
  return [
    w.a.id,
    ...w.a.patientIds,
    w.a.appointmentId,
    ...Object.values(w.a.memberships),
    ...Object.values(w.a.users).map((u) => u.id),
  ];
}

function leakedIds(w: World, body: string): string[] {
  return clinicAIds(w).filter((id) => body.includes(id));
}

function holders(permission: Permission): ClinicRole[] {
  return CLINIC_ROLES.filter((r) => roleHasPermission(r, permission));
}

/** Anonymous, another clinic's user, and every same-clinic role without the permission. */
export async function checkClinicAction(
  entry: ClinicActionEntry,
  world: () => Promise<World>,
): Promise<string[]> {
  const w = await world();
  await entry.prepare?.(w);
  const problems: string[] = [];
  const input = () => entry.input(w);

  signOut();
  let before = await snapshotAll(w);
  let r = await entry.action(currentPageStamp(), input());
  if (!refusedWith(r, UNAUTHENTICATED)) problems.push(`anonymous: not refused ${describe(r)}`);
  let changed = changedTables(before, await snapshotAll(w));
  if (changed.length) problems.push(`anonymous: changed ${changed.join(', ')}`);

  const lacking = await callersLacking(w, entry.permission);
  if (lacking.length === 0) problems.push(`no same-clinic caller lacks ${entry.permission}`);
  for (const caller of lacking) {
    await signIn(caller);
    before = await snapshotAll(w);
    r = await entry.action(currentPageStamp(), input());
    if (!refusedWith(r, FORBIDDEN))
      problems.push(
        `same-clinic ${caller.label} without ${entry.permission}: not refused ${describe(r)}`,
      );
    changed = changedTables(before, await snapshotAll(w));
    if (changed.length) problems.push(`same-clinic ${caller.label}: changed ${changed.join(', ')}`);
  }

  // Clinic B's admin holds every clinic permission: only the clinic wall can stop them.
  await signIn({ label: 'b admin', user: w.b.users.clinic_admin, clinicId: w.b.id });
  before = { ...(await snapshotSystem()), ...(await snapshotClinic(w.a.id)) };
  r = await entry.action(currentPageStamp(), input());
  if (entry.takesIds && (r.data !== undefined || r.serverError === undefined))
    problems.push(`other clinic: acting on clinic A's ids was not refused ${describe(r)}`);
  // Echoing the ids it was sent is not a leak; returning any other of clinic A's is.
  const sent = JSON.stringify(input());
  const leaked = leakedIds(w, JSON.stringify(r)).filter((id) => !sent.includes(id));
  if (leaked.length)
    problems.push(`other clinic: the result holds clinic A ids ${leaked.join(', ')}`);
  changed = changedTables(before, {
    ...(await snapshotSystem()),
    ...(await snapshotClinic(w.a.id)),
  });
  if (changed.length) problems.push(`other clinic: changed clinic A's ${changed.join(', ')}`);

  // A page of clinic A left open after a switch to B in another tab: refused before anything.
  await signIn({ label: 'shared, now in B', user: w.shared, clinicId: w.b.id });
  before = await snapshotAll(w);
  const stale = await countClinicEvents(w.b.id, 'write.stale_page');
  r = await entry.action({ clinicId: w.a.id, userId: w.shared.id }, input());
  if (r.data !== undefined || !isStalePageRefusal(r.serverError))
    problems.push(`page of A after a switch to B: not refused as stale ${describe(r)}`);
  changed = changedTables(before, await snapshotAll(w));
  const staleAudited = (await countClinicEvents(w.b.id, 'write.stale_page')) - stale;
  if (changed.length) problems.push(`page of A after a switch to B: changed ${changed.join(', ')}`);
  if (staleAudited !== 1)
    problems.push(`page of A after a switch to B: ${staleAudited} write.stale_page rows in B`);

  // Last, a caller who may: proves the input is valid, so the refusals above mean something.
  const holder = holders(entry.permission)[0];
  if (!holder) problems.push(`no clinic role holds ${entry.permission}`);
  else {
    await signIn({ label: holder, user: w.a.users[holder], clinicId: w.a.id });
    r = await entry.action(currentPageStamp(), input());
    if (r.serverError !== undefined || r.validationErrors !== undefined)
      problems.push(`allowed ${holder}: refused ${describe(r)} (fix the entry's input)`);
  }
  signOut();
  return problems;
}

/** The request body as a browser sends it: JSON, or a multipart form with its length. */
async function encodeBody(
  body: unknown,
): Promise<{ body?: BodyInit; headers?: Record<string, string> }> {
  if (body === undefined) return {};
  if (body instanceof FormData) return encodeMultipart(body);
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** Calls the route as a page of the current session would (or of `stamp`: a stale page). */
async function callRoute(
  entry: ClinicRouteEntry,
  w: World,
  stamp = currentPageStamp(),
): Promise<Response> {
  const spec = entry.request(w);
  const { body, headers } = await encodeBody(spec.body);
  const req = new NextRequestImpl(new URL(spec.url, 'http://localhost'), {
    method: spec.method ?? 'GET',
    body,
    headers: { ...pageStampHeaders(stamp), ...headers },
  });
  return entry.handler(req, { params: Promise.resolve(spec.params ?? {}) });
}

/** The same three refusals for route handlers, as statuses: 401, 404 for foreign ids, 403. */
export async function checkClinicRoute(
  entry: ClinicRouteEntry,
  world: () => Promise<World>,
): Promise<string[]> {
  const w = await world();
  await entry.prepare?.(w);
  const problems: string[] = [];

  signOut();
  let before = await snapshotAll(w);
  let res = await callRoute(entry, w);
  if (res.status !== 401) problems.push(`anonymous: status ${res.status}, expected 401`);
  let changed = changedTables(before, await snapshotAll(w));
  if (changed.length) problems.push(`anonymous: changed ${changed.join(', ')}`);

  const lacking = await callersLacking(w, entry.permission);
  if (lacking.length === 0) problems.push(`no same-clinic caller lacks ${entry.permission}`);
  for (const caller of lacking) {
    await signIn(caller);
    before = await snapshotAll(w);
    res = await callRoute(entry, w);
    if (res.status !== (entry.deniedStatus ?? 403))
      problems.push(
        `same-clinic ${caller.label} without ${entry.permission}: status ${res.status}`,
      );
    changed = changedTables(before, await snapshotAll(w));
    if (changed.length) problems.push(`same-clinic ${caller.label}: changed ${changed.join(', ')}`);
  }

  await signIn({ label: 'b admin', user: w.b.users.clinic_admin, clinicId: w.b.id });
  before = { ...(await snapshotSystem()), ...(await snapshotClinic(w.a.id)) };
  res = await callRoute(entry, w);
  if (entry.takesIds && res.status !== 404)
    problems.push(`other clinic: clinic A's ids gave status ${res.status}, expected 404`);
  const spec = JSON.stringify(entry.request(w));
  const leaked = leakedIds(w, await res.text()).filter((id) => !spec.includes(id));
  if (leaked.length)
    problems.push(`other clinic: the response holds clinic A ids ${leaked.join(', ')}`);
  changed = changedTables(before, {
    ...(await snapshotSystem()),
    ...(await snapshotClinic(w.a.id)),
  });
  if (changed.length) problems.push(`other clinic: changed clinic A's ${changed.join(', ')}`);

  if ((entry.request(w).method ?? 'GET') !== 'GET') {
    // A page of clinic A left open after a switch to B in another tab: 409, nothing written.
    await signIn({ label: 'shared, now in B', user: w.shared, clinicId: w.b.id });
    before = await snapshotAll(w);
    const stale = await countClinicEvents(w.b.id, 'write.stale_page');
    res = await callRoute(entry, w, { clinicId: w.a.id, userId: w.shared.id });
    if (res.status !== 409) problems.push(`page of A after a switch to B: status ${res.status}`);
    changed = changedTables(before, await snapshotAll(w));
    if (changed.length)
      problems.push(`page of A after a switch to B: changed ${changed.join(', ')}`);
    if ((await countClinicEvents(w.b.id, 'write.stale_page')) - stale !== 1)
      problems.push('page of A after a switch to B: no write.stale_page row in B');
  }

  const holder = holders(entry.permission)[0];
  if (holder) {
    await signIn({ label: holder, user: w.a.users[holder], clinicId: w.a.id });
    res = await callRoute(entry, w);
    if (res.status >= 400) problems.push(`allowed ${holder}: status ${res.status} (fix the entry)`);
  }
  signOut();
  return problems;
}

/** The callers the control plane must refuse, each of them audited. */
export function controlPlaneRefusals(w: World): (Caller | null)[] {
  return [
    null, // anonymous
    { label: 'clinic admin (tenant plane)', user: w.a.users.clinic_admin, clinicId: w.a.id },
    // A session claiming global mode is not enough without the system role.
    { label: 'clinic admin claiming global mode', user: w.a.users.clinic_admin, globalMode: true },
    { label: 'ops not in global mode', user: w.ops },
    { label: 'disabled user', user: w.disabledUser, globalMode: true },
  ];
}

export async function checkControlAction(
  entry: ControlActionEntry,
  world: () => Promise<World>,
): Promise<string[]> {
  const w = await world();
  const problems: string[] = [];
  for (const caller of controlPlaneRefusals(w)) {
    const label = caller?.label ?? 'anonymous';
    if (caller) await signIn(caller);
    else signOut();
    const before = await snapshotAll(w);
    const denied = await countSystemEvents('control_plane.denied', 'denied');
    const r = await entry.action(entry.input(w));
    const refused =
      caller?.user === w.disabledUser
        ? r.data === undefined && typeof r.serverError === 'string'
        : refusedWith(r, caller ? CONTROL_PLANE_REFUSED : UNAUTHENTICATED);
    if (!refused) problems.push(`${label}: not refused ${describe(r)}`);
    const changed = changedTables(before, await snapshotAll(w));
    if (changed.length) problems.push(`${label}: changed ${changed.join(', ')}`);
    const audited = (await countSystemEvents('control_plane.denied', 'denied')) - denied;
    if (audited !== 1) problems.push(`${label}: ${audited} control_plane.denied rows, expected 1`);
  }

  await signIn({ label: 'ops in global mode', user: w.ops, globalMode: true });
  const r = await entry.action(entry.input(w));
  if (r.serverError !== undefined || r.validationErrors !== undefined)
    problems.push(`ops in global mode: refused ${describe(r)}`);
  else {
    const problem = await entry.verify(w, r.data);
    if (problem) problems.push(`ops in global mode: ${problem}`);
  }
  signOut();
  return problems;
}

export async function checkSessionAction(
  entry: SessionActionEntry,
  world: () => Promise<World>,
): Promise<string[]> {
  const w = await world();
  await entry.prepare?.(w);
  const problems: string[] = [];

  signOut();
  let r = await entry.action(entry.anonymousInput(w));
  if (!refusedWith(r, UNAUTHENTICATED)) problems.push(`anonymous: not refused ${describe(r)}`);
  if (testSession.current !== null) problems.push('anonymous: a session appeared');

  const refused = entry.refused.who(w);
  await signIn(refused);
  const session = structuredClone(testSession.current);
  const audited = await countSystemEvents(entry.refused.audit, 'denied');
  r = await entry.action(entry.refused.input(w));
  if (r.data !== undefined || (typeof r.serverError !== 'string' && !r.validationErrors))
    problems.push(`${refused.label}: not refused ${describe(r)}`);
  if (!isDeepStrictEqual(testSession.current, session))
    problems.push(`${refused.label}: the session changed`);
  const added = (await countSystemEvents(entry.refused.audit, 'denied')) - audited;
  if (added < 1) problems.push(`${refused.label}: no ${entry.refused.audit} row`);

  const allowed = entry.allowed.who(w);
  await signIn(allowed);
  r = await entry.action(entry.allowed.input(w));
  if (r.serverError !== undefined || r.validationErrors !== undefined)
    problems.push(`${allowed.label}: refused ${describe(r)}`);
  else {
    const problem = entry.allowed.check(w, testSession.current);
    if (problem) problems.push(`${allowed.label}: ${problem}`);
  }
  signOut();
  return problems;
}
