/**
 * The isolation matrix's world (two clinics sharing patient names, every role, an operator...)
 * plus one stored file per clinic, and the id pools the fuzzer draws from: clinic A's ids of each
 * kind (so inputs reach the endpoints' bodies), clinic B's of the same kind (so cross-clinic
 * attempts are made all the time), other rows' ids and random uuids.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createUser } from '@/db/control/users';
import { settingDefinitions } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { hashPassword } from '@/lib/auth/password';
import { setClinicSetting } from '@/lib/settings/write';
import { SYSTEM_ACTOR } from '../fixtures';
import {
  buildWorld,
  storeExportFile,
  type Caller,
  type World,
  type WorldClinic,
} from '../isolation-harness';
import { malformedId } from './hostile';

export interface FuzzWorld extends World {
  /** One stored export file of each clinic (the download route's ids). */
  files: { a: string; b: string };
  /** An account with a real password, so that some sign-ins succeed. */
  login: { id: string; email: string; password: string };
  /** Every account's e-mail (duplicates, staff as portal logins, sign-ins of real users). */
  emails: string[];
  /** Every id of the world, for malformed variants and smuggled fields. */
  ids: string[];
  /** Ids of rows of clinic B and of the inactive clinic: never in a clinic A caller's answer. */
  foreignIds: string[];
  /** A uuid for a field named `key` (by the kind of row it names), else any id or a random one. */
  idFor: (key: string) => fc.Arbitrary<string>;
}

export const CLINIC_A_TIMEZONE = 'America/New_York';

const LOGIN = { email: 'login@fuzz.test', password: 'correct horse battery staple' };
/** Hashed once per process: argon2 is slow on purpose, and the world is rebuilt often. */
let loginHash: Promise<string> | undefined;

function clinicIds(c: WorldClinic): string[] {
  return [
    c.id,
    ...c.patientIds,
    c.appointmentId,
    ...Object.values(c.memberships),
    ...Object.values(c.users).map((u) => u.id),
  ];
}

type Definition = typeof settingDefinitions.$inferSelect;
/** The setting definitions as migrated: they outlive resetDatabase, and fuzzing edits them. */
let seededDefinitions: Definition[] | undefined;

async function restoreSettingDefinitions(): Promise<void> {
  const db = getDb().db;
  if (!seededDefinitions) {
    seededDefinitions = await db.select().from(settingDefinitions);
    return;
  }
  for (const d of seededDefinitions) {
    await db.update(settingDefinitions).set(d).where(eq(settingDefinitions.key, d.key));
  }
}

/** Builds the world on an empty database (call resetDatabase first). */
export async function buildFuzzWorld(): Promise<FuzzWorld> {
  await restoreSettingDefinitions();
  const w = await buildWorld();
  const files = { a: await storeExportFile(w.a.id), b: await storeExportFile(w.b.id) };
  // A timezone with daylight saving, so bookings meet skipped and repeated hours (fieldHints).
  await tenantDb(w.a.id).transaction((t) =>
    setClinicSetting(t, 'timezone', CLINIC_A_TIMEZONE, null),
  );
  const login = await createUser(SYSTEM_ACTOR, {
    email: LOGIN.email,
    name: 'Login',
    passwordHash: await (loginHash ??= hashPassword(LOGIN.password)),
  });
  const others = [w.ops, w.loner, w.disabledUser, w.shared];
  const users = others.map((u) => u.id);
  const emails = [
    ...[...Object.values(w.a.users), ...Object.values(w.b.users), ...others].map((u) => u.email),
    LOGIN.email,
  ];
  const ids = [
    ...clinicIds(w.a),
    ...clinicIds(w.b),
    w.inactiveClinic.id,
    files.a,
    files.b,
    ...users,
  ];
  const foreignIds = [...clinicIds(w.b), w.inactiveClinic.id, files.b];

  // For each kind of id: clinic A's (most often), clinic B's, then anything.
  const byKind: Record<string, [string[], string[]]> = {
    patientId: [w.a.patientIds, w.b.patientIds],
    id: [w.a.patientIds, w.b.patientIds],
    appointmentId: [[w.a.appointmentId], [w.b.appointmentId]],
    practitionerMembershipId: [
      [w.a.practitionerMembershipId, w.a.memberships.nurse],
      [w.b.practitionerMembershipId],
    ],
    membershipId: [Object.values(w.a.memberships), Object.values(w.b.memberships)],
    clinicId: [[w.a.id, w.inactiveClinic.id], [w.b.id]],
    userId: [[...Object.values(w.a.users).map((u) => u.id), ...users], [w.b.users.nurse.id]],
    attachmentId: [[files.a], [files.b]],
  };
  const anyId = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  const idFor = (key: string) => {
    const kind = byKind[key];
    if (!kind) return anyId;
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...kind[0]) },
      { weight: 2, arbitrary: fc.constantFrom(...kind[1]) },
      { weight: 1, arbitrary: anyId },
      { weight: 1, arbitrary: malformedId(kind[0]) },
    );
  };
  return { ...w, files, login: { ...LOGIN, id: login.id }, emails, ids, foreignIds, idFor };
}

/** Clinic A's admin, who holds every clinic permission: only the endpoint's own rules refuse. */
export const clinicAAdmin = (w: FuzzWorld): Caller => ({
  label: 'clinic A admin',
  user: w.a.users.clinic_admin,
  clinicId: w.a.id,
});
