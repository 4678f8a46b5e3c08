ALTER TABLE "appointments" ADD COLUMN "outside_hours" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "exports" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "exports_clinic_idempotency_key" ON "exports" USING btree ("clinic_id","idempotency_key") WHERE "exports"."idempotency_key" is not null;--> statement-breakpoint
-- The schedule and the clock of each clinic (lib/settings/catalog.ts validates the values).
INSERT INTO setting_definitions (key, type, default_value, clinic_overridable, label, description) VALUES
  ('working_hours', 'string', '"Mon-Fri 08:00-18:00"', true, 'Working hours', 'Days and hours the clinic books appointments, e.g. Mon-Fri 08:00-18:00; Sat 09:00-13:00'),
  ('slot_minutes', 'integer', '15', true, 'Default slot length', 'Minutes a new appointment lasts unless the booker changes it'),
  ('time_format', 'string', '"24h"', true, 'Time format', 'How times are shown: 24h (14:30) or 12h (2:30 PM)');
