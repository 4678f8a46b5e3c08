import { count, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { clinicMemberships, clinics, roles, settingDefinitions, users } from '../schema';

export interface ControlPlaneCounts {
  clinics: { total: number; active: number };
  users: { total: number; disabled: number };
  memberships: number;
  roles: number;
  settingDefinitions: number;
}

/** Headline numbers for the control-plane overview: counted in the database, not in memory. */
export async function countControlPlane(): Promise<ControlPlaneCounts> {
  const db = getDb().db;
  const [[c], [u], [m], [r], [s]] = await Promise.all([
    db
      .select({ total: count(), active: sql<number>`count(*) filter (where ${clinics.active})` })
      .from(clinics),
    db
      .select({ total: count(), disabled: sql<number>`count(*) filter (where ${users.disabled})` })
      .from(users),
    db.select({ n: count() }).from(clinicMemberships),
    db.select({ n: count() }).from(roles),
    db.select({ n: count() }).from(settingDefinitions),
  ]);
  return {
    clinics: { total: c?.total ?? 0, active: Number(c?.active ?? 0) },
    users: { total: u?.total ?? 0, disabled: Number(u?.disabled ?? 0) },
    memberships: m?.n ?? 0,
    roles: r?.n ?? 0,
    settingDefinitions: s?.n ?? 0,
  };
}
