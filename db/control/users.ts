import { asc, eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { users } from '../schema';
import { auditedChange, type ActorContext } from './audit';

export type UserRow = typeof users.$inferSelect;
/** What the control plane shows of a user: never the password hash. */
export type UserSummary = Pick<
  UserRow,
  'id' | 'email' | 'name' | 'disabled' | 'systemRoleId' | 'createdAt' | 'mfaEnabledAt'
>;

const summary = {
  id: users.id,
  email: users.email,
  name: users.name,
  disabled: users.disabled,
  systemRoleId: users.systemRoleId,
  createdAt: users.createdAt,
  mfaEnabledAt: users.mfaEnabledAt,
};

/** Emails are unique case-insensitively (index on lower(email)). */
export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const [row] = await getDb()
    .db.select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function getUser(id: string): Promise<UserRow | undefined> {
  const [row] = await getDb().db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(): Promise<UserSummary[]> {
  return getDb().db.select(summary).from(users).orderBy(asc(users.email));
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  systemRoleId?: string | null;
}

export async function createUser(actor: ActorContext, input: NewUser): Promise<UserSummary> {
  return auditedChange(
    actor,
    (u) => ({ action: 'user.create', outcome: 'success', entityType: 'user', entityId: u.id }),
    (db) => insertUser(db, input),
  );
}

/** Inserts a user in the caller's transaction (an address already taken hits the unique index). */
export async function insertUser(db: Database, input: NewUser): Promise<UserSummary> {
  const [user] = await db
    .insert(users)
    .values({ ...input, email: input.email.trim() })
    .returning(summary);
  if (!user) throw new Error('user insert returned nothing');
  return user;
}

/** Disabling bumps the session version, so the user's sessions die on their next request. */
export async function setUserDisabled(
  actor: ActorContext,
  userId: string,
  disabled: boolean,
): Promise<UserSummary | undefined> {
  return auditedChange(
    actor,
    () => ({
      action: disabled ? 'user.disable' : 'user.enable',
      outcome: 'success',
      entityType: 'user',
      entityId: userId,
    }),
    async (db) => {
      const [user] = await db
        .update(users)
        .set({
          disabled,
          sessionVersion: sql`${users.sessionVersion} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(users.id, userId))
        .returning(summary);
      return user;
    },
  );
}

/** Records a failed sign-in; `lockedUntil` comes from the throttle policy (lib/auth/throttle.ts). */
export async function recordLoginFailure(
  userId: string,
  lockFor: (failures: number) => number,
): Promise<void> {
  await getDb().db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
      .where(eq(users.id, userId))
      .returning({ failures: users.failedLoginCount });
    const lockMs = row ? lockFor(row.failures) : 0;
    if (lockMs > 0) {
      await tx
        .update(users)
        .set({ lockedUntil: new Date(Date.now() + lockMs) })
        .where(eq(users.id, userId));
    }
  });
}

export async function recordLoginSuccess(userId: string): Promise<void> {
  await getDb()
    .db.update(users)
    .set({ failedLoginCount: 0, lockedUntil: null })
    .where(eq(users.id, userId));
}
