DROP INDEX "appointments_clinic_starts_idx";--> statement-breakpoint
DROP INDEX "audit_events_clinic_occurred_idx";--> statement-breakpoint
DROP INDEX "audit_events_clinic_actor_idx";--> statement-breakpoint
DROP INDEX "audit_events_clinic_action_idx";--> statement-breakpoint
DROP INDEX "exports_clinic_created_idx";--> statement-breakpoint
CREATE INDEX "patients_clinic_sex_idx" ON "patients" USING btree ("clinic_id","sex","id");--> statement-breakpoint
CREATE INDEX "appointments_clinic_status_starts_idx" ON "appointments" USING btree ("clinic_id","status","starts_at","id");--> statement-breakpoint
CREATE INDEX "appointments_clinic_starts_idx" ON "appointments" USING btree ("clinic_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_clinic_occurred_idx" ON "audit_events" USING btree ("clinic_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_clinic_actor_idx" ON "audit_events" USING btree ("clinic_id","actor_user_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_clinic_action_idx" ON "audit_events" USING btree ("clinic_id","action","occurred_at","id");--> statement-breakpoint
CREATE INDEX "exports_clinic_created_idx" ON "exports" USING btree ("clinic_id","created_at","id");