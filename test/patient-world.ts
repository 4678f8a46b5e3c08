/**
 * Fixtures for the patient tests: two clinics sharing patient names (test/fixtures.ts), staff in
 * each role, direct contexts for lib/data calls and sign-in for actions and routes.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addMembership } from '@/db/control/memberships';
import { createUser, findUserByEmail, getUser } from '@/db/control/users';
import { auditEvents, patients } from '@/db/schema';
import { tenantDb, type TenantInsert } from '@/db/tenant';
import type { ClinicContext } from '@/lib/auth/context';
import type { ClinicRole } from '@/lib/auth/permissions';
import { SYSTEM_ACTOR, createFixtureClinic, type FixtureClinic } from './fixtures';
import { signInAs } from './session-state';

export interface StaffClinic extends FixtureClinic {
  staff: Record<ClinicRole, { id: string; email: string }>;
}

export async function createStaffClinic(label: string): Promise<StaffClinic> {
  const clinic = await createFixtureClinic(label);
  const doctor = await findUserByEmail(`dr.${clinic.slug}@test.test`);
  if (!doctor) throw new Error('fixture doctor missing');
  const staff = { doctor: { id: doctor.id, email: doctor.email } } as StaffClinic['staff'];
  for (const role of ['clinic_admin', 'nurse', 'receptionist'] as const) {
    const email = `${role}.${clinic.slug}@test.test`;
    const user = await createUser(SYSTEM_ACTOR, {
      email,
      name: `${role} ${label}`,
      passwordHash: 'x',
    });
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: clinic.id, roleId: role });
    staff[role] = { id: user.id, email };
  }
  return { ...clinic, staff };
}

/** A context for calling lib/data directly, as the given user of the clinic. */
export function dataCtx(
  clinicId: string,
  userId: string = randomUUID(),
): Pick<ClinicContext, 'db' | 'user' | 'meta'> {
  return {
    db: tenantDb(clinicId),
    user: { id: userId, email: 'tester@test.test', name: 'Tester', systemRoleId: null },
    meta: { requestId: 'test', ip: null },
  };
}

/** Signs in as a user with a clinic active, with the user's live session version. */
export async function signInTo(userId: string, clinicId: string | null): Promise<void> {
  const user = await getUser(userId);
  if (!user) throw new Error(`no user ${userId}`);
  await signInAs({ id: user.id, sessionVersion: user.sessionVersion }, { clinicId });
}

let mrnSeq = 0;

/** Inserts patients directly (as the clinic), with throwaway MRNs unless given. */
export async function insertPatients(
  clinicId: string,
  rows: (Partial<TenantInsert<typeof patients>> &
    Pick<TenantInsert<typeof patients>, 'givenName' | 'familyName' | 'dateOfBirth'>)[],
) {
  return tenantDb(clinicId).transaction((t) =>
    t.insert(
      patients,
      rows.map((r) => ({ sex: 'unknown' as const, mrn: `T-${++mrnSeq}`, ...r })),
    ),
  );
}

export async function auditRows(clinicId: string, action: string) {
  return tenantDb(clinicId).transaction((t) =>
    t.from(auditEvents).where(eq(auditEvents.action, action)),
  );
}
