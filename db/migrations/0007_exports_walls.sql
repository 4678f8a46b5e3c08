-- Wall 2 for exports and retention runs (see 0002 for why these are custom SQL).
ALTER TABLE exports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON exports, retention_runs TO clinic_app_tenant;
--> statement-breakpoint
-- At most one retention run per clinic at a time, whatever runs it (Inngest, CLI, control plane).
CREATE UNIQUE INDEX retention_runs_one_running ON retention_runs (clinic_id) WHERE status = 'running';
