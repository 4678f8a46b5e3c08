-- Wall 2 for clinic_counters (see 0002 for why these are custom SQL).
ALTER TABLE clinic_counters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON clinic_counters TO clinic_app_tenant;
--> statement-breakpoint
-- A practitioner is never double-booked, even by two receptionists saving at the same moment:
-- the database refuses overlapping live appointments. btree_gist is a trusted extension, so a
-- database owner may create it without superuser.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
  clinic_id WITH =,
  practitioner_membership_id WITH =,
  tstzrange(starts_at, ends_at) WITH &&
) WHERE (status IN ('scheduled', 'completed'));
