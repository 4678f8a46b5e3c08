import 'server-only';
import { desc } from 'drizzle-orm';
import { patients } from '@/db/schema';
import type { ClinicContext } from '@/lib/auth/context';

export interface ClinicHome {
  patientCount: number;
  recentPatients: { id: string; name: string; mrn: string }[];
}

/** The clinic home summary, read through the clinic's tenantDb in one transaction. */
export async function loadClinicHome(ctx: Pick<ClinicContext, 'db'>): Promise<ClinicHome> {
  return ctx.db.transaction(async (t) => {
    const patientCount = await t.count(patients);
    const recent = await t.list(patients, {
      orderBy: [desc(patients.createdAt), desc(patients.id)],
      limit: 5,
    });
    return {
      patientCount,
      recentPatients: recent.map((p) => ({
        id: p.id,
        name: `${p.givenName} ${p.familyName}`,
        mrn: p.mrn,
      })),
    };
  });
}
