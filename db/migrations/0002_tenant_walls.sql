-- Wall 2: what drizzle-kit cannot express. FORCE makes the policies bind the table owner too, so
-- only a superuser or a BYPASSRLS role (never the tenant role) can see past them.
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE appointments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinic_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE file_attachments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The tenant role's grants. Audit events are insert-and-read only: no UPDATE, no DELETE.
GRANT SELECT, INSERT, UPDATE, DELETE ON patients, appointments, clinic_settings, file_attachments TO clinic_app_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO clinic_app_tenant;
--> statement-breakpoint
GRANT SELECT ON roles, permissions, role_permissions, setting_definitions TO clinic_app_tenant;
--> statement-breakpoint
-- System tables the tenant plane may read, each limited to the active clinic for the tenant role
-- only (ENABLE without FORCE: the owner's control-plane path still reads across clinics).
GRANT SELECT ON clinics, clinic_memberships TO clinic_app_tenant;
--> statement-breakpoint
GRANT SELECT (id, email, name, disabled) ON users TO clinic_app_tenant;
--> statement-breakpoint
ALTER TABLE clinics ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinics_tenant_own ON clinics FOR SELECT TO clinic_app_tenant
  USING (id = nullif(current_setting('app.clinic_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE clinic_memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_memberships_tenant_own ON clinic_memberships FOR SELECT TO clinic_app_tenant
  USING (clinic_id = nullif(current_setting('app.clinic_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_tenant_members ON users FOR SELECT TO clinic_app_tenant
  USING (EXISTS (
    SELECT 1 FROM clinic_memberships m
    WHERE m.user_id = users.id
      AND m.clinic_id = nullif(current_setting('app.clinic_id', true), '')::uuid
  ));
--> statement-breakpoint
-- System data: roles, the permission catalogue (mirrors lib/auth/permissions.ts) and setting
-- definitions.
INSERT INTO roles (id, name, scope, description) VALUES
  ('clinic_admin', 'Clinic admin', 'clinic', 'Everything inside their clinic'),
  ('doctor', 'Doctor', 'clinic', 'Clinical work and exports'),
  ('nurse', 'Nurse', 'clinic', 'Clinical work without exports'),
  ('receptionist', 'Receptionist', 'clinic', 'Front desk: patients and appointments'),
  ('system_admin', 'System admin', 'system', 'Control plane and retention');
--> statement-breakpoint
INSERT INTO permissions (key, description) VALUES
  ('patients.read', 'View patients and their records'),
  ('patients.create', 'Onboard new patients'),
  ('patients.update', 'Edit patients and attach documents'),
  ('patients.export', 'Request patient and appointment exports and prints'),
  ('appointments.read', 'View appointments'),
  ('appointments.manage', 'Book, edit, cancel and complete appointments'),
  ('staff.read', 'Search the clinic staff (practitioner picker)'),
  ('exports.read', 'See the clinic exports page'),
  ('exports.download', 'Download exports, reports and documents'),
  ('settings.read', 'View clinic settings'),
  ('settings.update', 'Change clinic settings'),
  ('members.read', 'View clinic members and their roles'),
  ('audit.read', 'Read the clinic audit log'),
  ('control_plane.access', 'Use the control plane (clinics, users, memberships, definitions)'),
  ('retention.run', 'Run data retention');
--> statement-breakpoint
INSERT INTO role_permissions (role_id, permission_key) VALUES
  ('clinic_admin', 'patients.read'),
  ('clinic_admin', 'patients.create'),
  ('clinic_admin', 'patients.update'),
  ('clinic_admin', 'patients.export'),
  ('clinic_admin', 'appointments.read'),
  ('clinic_admin', 'appointments.manage'),
  ('clinic_admin', 'staff.read'),
  ('clinic_admin', 'exports.read'),
  ('clinic_admin', 'exports.download'),
  ('clinic_admin', 'settings.read'),
  ('clinic_admin', 'settings.update'),
  ('clinic_admin', 'members.read'),
  ('clinic_admin', 'audit.read'),
  ('doctor', 'patients.read'),
  ('doctor', 'patients.create'),
  ('doctor', 'patients.update'),
  ('doctor', 'patients.export'),
  ('doctor', 'appointments.read'),
  ('doctor', 'appointments.manage'),
  ('doctor', 'staff.read'),
  ('doctor', 'exports.read'),
  ('doctor', 'exports.download'),
  ('nurse', 'patients.read'),
  ('nurse', 'patients.update'),
  ('nurse', 'appointments.read'),
  ('nurse', 'appointments.manage'),
  ('nurse', 'staff.read'),
  ('receptionist', 'patients.read'),
  ('receptionist', 'patients.create'),
  ('receptionist', 'patients.update'),
  ('receptionist', 'appointments.read'),
  ('receptionist', 'appointments.manage'),
  ('receptionist', 'staff.read'),
  ('system_admin', 'control_plane.access'),
  ('system_admin', 'retention.run');
--> statement-breakpoint
INSERT INTO setting_definitions (key, type, default_value, clinic_overridable, label, description) VALUES
  ('display_name', 'string', '""', true, 'Display name', 'Name shown in the header and on prints; empty uses the clinic name'),
  ('timezone', 'timezone', '"UTC"', true, 'Timezone', 'IANA timezone for appointments and prints'),
  ('mrn_prefix', 'string', '"MRN-"', true, 'MRN prefix', 'Prefix of newly generated medical record numbers'),
  ('export_retention_days', 'integer', '90', true, 'Export retention (days)', 'Exports and reports older than this are removed'),
  ('exports_keep_latest', 'integer', '10', true, 'Keep latest exports', 'Only this many exports per kind are kept');
