import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
  bigint,
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
    /** The confirmed TOTP secret, encrypted (lib/auth/mfa); null when MFA is off. */
    mfaSecret: text('mfa_secret'),
    mfaEnabledAt: timestamp('mfa_enabled_at', { withTimezone: true }),
    /** A secret shown for enrolment and not yet confirmed with a first code (encrypted). */
    mfaPendingSecret: text('mfa_pending_secret'),
    /** The last accepted TOTP time step: a code cannot be replayed inside its window. */
    mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    // Enrolled means both: a secret with no date, or a date with no secret, cannot be stored.
    check('users_mfa_enrolled_whole', sql`(${t.mfaSecret} is null) = (${t.mfaEnabledAt} is null)`),
  ],
);

/** Ten single-use recovery codes per enrolment, stored hashed. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...created,
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/** Password-reset links: random, single-use, valid for an hour, stored only as a hash. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...created,
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
);

/**
 * Hits against a throttle, shared by every app instance: a bucket (what is throttled, e.g.
 * `password_reset.email`) and a subject (the address, the IP, the user id). Counted over a
 * sliding window and pruned as it goes.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bucket: text('bucket').notNull(),
    subject: text('subject').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rate_limit_hits_bucket_subject_idx').on(t.bucket, t.subject, t.occurredAt)],
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
    /** The browser's User-Agent at sign-in, cut short: shown on the account page's session list. */
    userAgent: text('user_agent'),
    /**
     * How the session was authenticated: `password`, `password+totp` or `password+recovery_code`.
     * A user with MFA has a session whose `mfa_verified_at` is null until the code step passes.
     */
    authMethod: text('auth_method').notNull().default('password'),
    mfaVerifiedAt: timestamp('mfa_verified_at', { withTimezone: true }),
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

/**
 * An invitation to join a clinic with a role. The token is random and single-use; only its hash
 * is kept. At most one open invitation per clinic and address (resending replaces its token).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    email: text('email').notNull(),
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('invitations_open_email_key')
      .on(t.clinicId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

/**
 * Break-glass: an operator's time-limited access to one clinic, read-only unless write was asked
 * for with its own reason. Tied to the operator's sign-in session; it ends at `expires_at`, when
 * the operator ends it, or when one of the clinic's admins does.
 */
export const supportSessions = pgTable(
  'support_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorUserId: uuid('operator_user_id')
      .notNull()
      .references(() => users.id),
    // Null once the sign-in session is cleared away (db/control/sessions.ts prunes old ones): the
    // support session is long over by then, and the clinic's record of it must stay.
    userSessionId: uuid('user_session_id').references(() => userSessions.id, {
      onDelete: 'set null',
    }),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    reason: text('reason').notNull(),
    writeAccess: boolean('write_access').notNull().default(false),
    writeReason: text('write_reason'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id),
  },
  (t) => [
    index('support_sessions_clinic_idx').on(t.clinicId, t.startedAt),
    index('support_sessions_user_session_idx').on(t.userSessionId),
  ],
);

export const settingDefinitions = pgTable('setting_definitions', {
  key: text('key').primaryKey(),
  type: text('type', { enum: ['string', 'integer', 'timezone', 'boolean'] }).notNull(),
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
