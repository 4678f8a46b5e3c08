/**
 * The expected database catalog, by name: what test/catalog-check.ts compares the live catalog
 * with (db/catalog.int.test.ts). Adding a table, a grant or a SECURITY DEFINER function means
 * adding it here, with its reason, or the catalog test fails.
 */
import { TENANT_ROLE } from '@/db/schema';

/** `clinic_id = nullif(current_setting('app.clinic_id', true), '')::uuid` as pg_get_expr prints it. */
export const CLINIC_PREDICATE =
  "(clinic_id = (NULLIF(current_setting('app.clinic_id'::text, true), ''::text))::uuid)";

/** The search_path every SECURITY DEFINER function pins (pg_temp last, so it is never searched first). */
export const PINNED_SEARCH_PATH = 'search_path=pg_catalog, public, pg_temp';

export interface PolicySpec {
  name: string;
  permissive: boolean;
  /** pg_policy.polcmd: `*` all commands, `r` SELECT, `a` INSERT, `w` UPDATE, `d` DELETE. */
  command: '*' | 'r' | 'a' | 'w' | 'd';
  /** Role names, `public` for all roles. */
  roles: string[];
  using: string | null;
  check: string | null;
}

/** The one policy of every tenant table (tenantTable() in db/schema/tenant-table.ts). */
export const tenantPolicy = (table: string): PolicySpec => ({
  name: `${table}_clinic_isolation`,
  permissive: true,
  command: '*',
  roles: ['public'],
  using: CLINIC_PREDICATE,
  check: CLINIC_PREDICATE,
});

/** A read-only view of a system table for the tenant role (migration 0002_tenant_walls.sql). */
const tenantReadPolicy = (name: string, using: string): PolicySpec => ({
  name,
  permissive: true,
  command: 'r',
  roles: [TENANT_ROLE],
  using,
  check: null,
});

interface SystemTableSpec {
  /** `enabled`: RLS on but not forced, so the owner's control-plane path reads across clinics. */
  rls: 'off' | 'enabled';
  policies: PolicySpec[];
}

/**
 * System tables: no `tenantTable()`, never forced. The documented exceptions are the tenant role's
 * read-only views of clinics, clinic_memberships and users (its own clinic only).
 */
export const SYSTEM_TABLES: Record<string, SystemTableSpec> = {
  clinics: {
    rls: 'enabled',
    policies: [
      tenantReadPolicy(
        'clinics_tenant_own',
        "(id = (NULLIF(current_setting('app.clinic_id'::text, true), ''::text))::uuid)",
      ),
    ],
  },
  clinic_memberships: {
    rls: 'enabled',
    policies: [tenantReadPolicy('clinic_memberships_tenant_own', CLINIC_PREDICATE)],
  },
  users: {
    rls: 'enabled',
    policies: [
      tenantReadPolicy(
        'users_tenant_members',
        '(EXISTS ( SELECT 1 FROM clinic_memberships m WHERE ((m.user_id = users.id) AND ' +
          "(m.clinic_id = (NULLIF(current_setting('app.clinic_id'::text, true), ''::text))::uuid))))",
      ),
    ],
  },
  roles: { rls: 'off', policies: [] },
  permissions: { rls: 'off', policies: [] },
  role_permissions: { rls: 'off', policies: [] },
  setting_definitions: { rls: 'off', policies: [] },
  system_audit_events: { rls: 'off', policies: [] },
  user_sessions: { rls: 'off', policies: [] },
  portal_lookups: { rls: 'off', policies: [] },
  invitations: { rls: 'off', policies: [] },
  password_reset_tokens: { rls: 'off', policies: [] },
  mfa_recovery_codes: { rls: 'off', policies: [] },
  rate_limit_hits: { rls: 'off', policies: [] },
  support_sessions: { rls: 'off', policies: [] },
};

const CRUD = ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];

/**
 * Every table privilege anyone but the owner holds (PUBLIC included): the tenant role's, nothing
 * else. Audit events are insert-and-read only; counters, exports and retention runs are never
 * deleted by the tenant plane.
 */
export const TABLE_GRANTS: Record<string, Record<string, string[]>> = {
  patients: { [TENANT_ROLE]: CRUD },
  appointments: { [TENANT_ROLE]: CRUD },
  clinic_settings: { [TENANT_ROLE]: CRUD },
  file_attachments: { [TENANT_ROLE]: CRUD },
  audit_events: { [TENANT_ROLE]: ['INSERT', 'SELECT'] },
  clinic_counters: { [TENANT_ROLE]: ['INSERT', 'SELECT', 'UPDATE'] },
  exports: { [TENANT_ROLE]: ['INSERT', 'SELECT', 'UPDATE'] },
  retention_runs: { [TENANT_ROLE]: ['INSERT', 'SELECT', 'UPDATE'] },
  roles: { [TENANT_ROLE]: ['SELECT'] },
  permissions: { [TENANT_ROLE]: ['SELECT'] },
  role_permissions: { [TENANT_ROLE]: ['SELECT'] },
  setting_definitions: { [TENANT_ROLE]: ['SELECT'] },
  clinics: { [TENANT_ROLE]: ['SELECT'] },
  clinic_memberships: { [TENANT_ROLE]: ['SELECT'] },
};

/** Column privileges: only the users columns the tenant role may read (never password_hash). */
export const COLUMN_GRANTS: Record<string, Record<string, string[]>> = {
  'users.id': { [TENANT_ROLE]: ['SELECT'] },
  'users.email': { [TENANT_ROLE]: ['SELECT'] },
  'users.name': { [TENANT_ROLE]: ['SELECT'] },
  'users.disabled': { [TENANT_ROLE]: ['SELECT'] },
};

export interface DefinerSpec {
  /** Why it must run as the owner. */
  reason: string;
  /** Who besides the owner may EXECUTE it (never PUBLIC). */
  executableBy: string[];
}

/** Every SECURITY DEFINER function, by `schema.name(argument types)`, with its reason. */
export const SECURITY_DEFINER_ALLOW_LIST: Record<string, DefinerSpec> = {
  'public.lookup_portal_account(uuid, text, integer, integer)': {
    reason:
      'Finds a linkable patient-portal account by e-mail, and counts look-ups per user: the tenant role cannot read users or portal_lookups.',
    executableBy: [TENANT_ROLE],
  },
  'public.patients_check_portal_link()': {
    reason:
      'Trigger on patients: refuses a link to a staff, operator or disabled account, which only the owner can see.',
    executableBy: [],
  },
  'public.patient_portal_email(uuid)': {
    reason:
      "Shows the e-mail of the account linked to one of the active clinic's patients; checks the clinic itself.",
    executableBy: [TENANT_ROLE],
  },
};
