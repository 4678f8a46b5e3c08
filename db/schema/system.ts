import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  index,
  inet,
} from 'drizzle-orm/pg-core';
import { jsonValue } from './json-value';

const created = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};
const timestamps = {
  ...created,
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timezone: text('timezone').notNull().default('UTC'),
  active: boolean('active').notNull().default(true),
  ...timestamps,
});

/** Roles are system data (seeded by migration); scope says where a role can be held. */
export const roles = pgTable('roles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scope: text('scope', { enum: ['clinic', 'system'] }).notNull(),
  description: text('description').notNull(),
});

export const permissions = pgTable('permissions', {
  key: text('key').primaryKey(),
  description: text('description').notNull(),
});

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id),
    permissionKey: text('permission_key')
      .notNull()
      .references(() => permissions.key),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permissionKey] })],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    /** Bumped whenever access changes; a JWT carrying an older version is rejected. */
    sessionVersion: integer('session_version').notNull().default(1),
    /** A system-scope role (system_admin) for the control plane; null for clinic staff. */
    systemRoleId: text('system_role_id').references(() => roles.id),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

/**
 * One row per sign-in. The JWT names its row; the server checks it on every request, so sign-out
 * (ended_at) holds even against a copy of the cookie, and idle time is measured here rather than
 * in a token that would have to be re-issued on every response.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.createdAt)],
);

/**
 * One row per patient-portal account look-up, by the staff user who made it: the look-up function
 * (migration 0012) counts a user's rows in the last minutes to throttle them, across clinics and
 * app instances, and deletes their older rows as it goes. Only that function touches it.
 */
export const portalLookups = pgTable(
  'portal_lookups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    lookedUpAt: timestamp('looked_up_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('portal_lookups_user_idx').on(t.userId, t.lookedUpAt)],
);

export const clinicMemberships = pgTable(
  'clinic_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id),
    ...timestamps,
  },
  (t) => [
    unique('clinic_memberships_user_clinic_key').on(t.userId, t.clinicId),
    // Target of the composite FK from appointments: a practitioner is always of the same clinic.
    unique('clinic_memberships_clinic_id_id_key').on(t.clinicId, t.id),
  ],
);

export const settingDefinitions = pgTable('setting_definitions', {
  key: text('key').primaryKey(),
  type: text('type', { enum: ['string', 'integer', 'timezone'] }).notNull(),
  defaultValue: jsonValue('default_value').notNull(),
  clinicOverridable: boolean('clinic_overridable').notNull().default(true),
  label: text('label').notNull(),
  description: text('description').notNull(),
  ...timestamps,
});

/** Events with no clinic: sign-ins, global mode, control-plane changes. Insert-only. */
export const systemAuditEvents = pgTable(
  'system_audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    clinicId: uuid('clinic_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ip: inet('ip'),
    requestId: text('request_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
  },
  (t) => [index('system_audit_events_occurred_at_idx').on(t.occurredAt)],
);
