import { randomUUID } from 'node:crypto';
import { createClinic } from '@/db/control/clinics';
import { addMembership } from '@/db/control/memberships';
import { createUser } from '@/db/control/users';
import { patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';

export const SYSTEM_ACTOR = { userId: null, requestId: 'test' };

/** Names every fixture clinic shares, so that a leak between clinics shows. */
export const SHARED_PATIENTS = [
  { givenName: 'Maria', familyName: 'Garcia', dateOfBirth: '1980-04-12', sex: 'female' as const },
  { givenName: 'James', familyName: 'Smith', dateOfBirth: '1975-09-30', sex: 'male' as const },
  { givenName: 'Aiko', familyName: 'Tanaka', dateOfBirth: '2012-01-05', sex: 'female' as const },
];

export interface FixtureClinic {
  id: string;
  slug: string;
  practitionerMembershipId: string;
  patientIds: string[];
}

export async function createFixtureClinic(label: string): Promise<FixtureClinic> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const clinic = await createClinic(SYSTEM_ACTOR, {
    name: `${label} clinic`,
    slug,
    timezone: 'UTC',
  });
  const doctor = await createUser(SYSTEM_ACTOR, {
    email: `dr.${slug}@test.test`,
    name: `Dr ${label}`,
    passwordHash: 'not-a-real-hash',
  });
  const membership = await addMembership(SYSTEM_ACTOR, {
    userId: doctor.id,
    clinicId: clinic.id,
    roleId: 'doctor',
  });
  const rows = await tenantDb(clinic.id).transaction((t) =>
    t.insert(
      patients,
      SHARED_PATIENTS.map((p, i) => ({ ...p, mrn: `${label.toUpperCase()}-${i + 1}` })),
    ),
  );
  return {
    id: clinic.id,
    slug,
    practitionerMembershipId: membership.id,
    patientIds: rows.map((r) => r.id),
  };
}
