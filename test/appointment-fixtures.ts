/**
 * Fixtures for the appointment, staff-search and dashboard tests: clinics in a chosen timezone
 * (stored as the clinic's timezone setting, as a new clinic gets it), members of any clinic role,
 * and sign-in as one of them.
 */
import { randomUUID } from 'node:crypto';
import { createClinic } from '@/db/control/clinics';
import { addMembership } from '@/db/control/memberships';
import { createUser, getUser, setUserDisabled } from '@/db/control/users';
import { patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import type { ClinicRole } from '@/lib/auth/permissions';
import { provisionClinicSettings } from '@/lib/settings/provision';
import { SHARED_PATIENTS, SYSTEM_ACTOR } from './fixtures';
import { signInAs } from './session-state';

export interface Member {
  userId: string;
  membershipId: string;
  clinicId: string;
  name: string;
  email: string;
}

export interface TestClinic {
  id: string;
  timezone: string;
  /** Maria Garcia, James Smith, Aiko Tanaka: the same names in every clinic. */
  patientIds: string[];
  doctor: Member;
}

export async function makeMember(
  clinicId: string,
  role: ClinicRole,
  options: { name?: string; email?: string; disabled?: boolean } = {},
): Promise<Member> {
  const tag = randomUUID().slice(0, 8);
  const name = options.name ?? `${role} ${tag}`;
  const email = options.email ?? `${role}.${tag}@appt.test`;
  const user = await createUser(SYSTEM_ACTOR, { email, name, passwordHash: 'not-a-real-hash' });
  const membership = await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId, roleId: role });
  if (options.disabled) await setUserDisabled(SYSTEM_ACTOR, user.id, true);
  return { userId: user.id, membershipId: membership.id, clinicId, name, email };
}

export async function makeClinic(label: string, timezone = 'UTC'): Promise<TestClinic> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const clinic = await createClinic(SYSTEM_ACTOR, { name: `${label} clinic`, slug, timezone });
  await provisionClinicSettings(clinic.id, { timezone }, null);
  const rows = await tenantDb(clinic.id).transaction((t) =>
    t.insert(
      patients,
      SHARED_PATIENTS.map((p, i) => ({ ...p, mrn: `${label.toUpperCase()}-${i + 1}` })),
    ),
  );
  const doctor = await makeMember(clinic.id, 'doctor', { name: `Dr ${label}` });
  return { id: clinic.id, timezone, patientIds: rows.map((r) => r.id), doctor };
}

/** Signs in as the member, working in their clinic, with their live session version. */
export async function signInMember(member: Member): Promise<void> {
  const user = await getUser(member.userId);
  if (!user) throw new Error(`no user ${member.userId}`);
  await signInAs(
    { id: user.id, sessionVersion: user.sessionVersion },
    { clinicId: member.clinicId },
  );
}
