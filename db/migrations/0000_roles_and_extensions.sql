-- The tenant role. Roles are cluster-wide, so creation must be idempotent: several databases in
-- one cluster (tests, benchmarks) share it. It cannot log in, owns nothing and never bypasses RLS.
-- Needs CREATEROLE (or superuser) once; see docs/DATABASE.md for managed Postgres.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinic_app_tenant') THEN
    CREATE ROLE clinic_app_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
-- The connecting user must be able to SET ROLE to it (a superuser can anyway; an ordinary owner
-- needs the membership). On PostgreSQL 16+ a CREATEROLE creator already holds ADMIN OPTION but
-- not SET, so ask for SET there; before 16, membership is what SET ROLE needs.
DO $$
BEGIN
  IF NOT pg_has_role(
    current_user,
    'clinic_app_tenant',
    CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET' ELSE 'MEMBER' END
  ) THEN
    EXECUTE format('GRANT clinic_app_tenant TO %I', current_user);
  END IF;
END
$$;
