import { asc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { clinics } from '../schema';
import { auditedChange, type ActorContext } from './audit';

export type Clinic = typeof clinics.$inferSelect;

export async function listClinics(): Promise<Clinic[]> {
  return getDb().db.select().from(clinics).orderBy(asc(clinics.name));
}

export async function listActiveClinicIds(): Promise<string[]> {
  const rows = await getDb()
    .db.select({ id: clinics.id })
    .from(clinics)
    .where(eq(clinics.active, true))
    .orderBy(asc(clinics.id));
  return rows.map((r) => r.id);
}

export async function getClinic(id: string): Promise<Clinic | undefined> {
  const [row] = await getDb().db.select().from(clinics).where(eq(clinics.id, id)).limit(1);
  return row;
}

export async function findClinicBySlug(slug: string): Promise<Clinic | undefined> {
  const [row] = await getDb().db.select().from(clinics).where(eq(clinics.slug, slug)).limit(1);
  return row;
}

export interface NewClinic {
  name: string;
  slug: string;
  timezone: string;
  active?: boolean;
}

export async function createClinic(actor: ActorContext, input: NewClinic): Promise<Clinic> {
  return auditedChange(
    actor,
    (c) => ({
      action: 'clinic.create',
      outcome: 'success',
      clinicId: c.id,
      entityType: 'clinic',
      entityId: c.id,
    }),
    async (db) => {
      const [clinic] = await db.insert(clinics).values(input).returning();
      if (!clinic) throw new Error('clinic insert returned nothing');
      return clinic;
    },
  );
}

export async function setClinicActive(
  actor: ActorContext,
  clinicId: string,
  active: boolean,
): Promise<Clinic | undefined> {
  return auditedChange(
    actor,
    () => ({
      action: active ? 'clinic.activate' : 'clinic.deactivate',
      outcome: 'success',
      clinicId,
      entityType: 'clinic',
      entityId: clinicId,
    }),
    async (db) => {
      const [clinic] = await db
        .update(clinics)
        .set({ active, updatedAt: new Date() })
        .where(eq(clinics.id, clinicId))
        .returning();
      return clinic;
    },
  );
}
