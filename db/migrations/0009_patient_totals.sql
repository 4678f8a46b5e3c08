-- Each clinic's patient total, kept in clinic_counters ('patients_total') by statement-level
-- triggers, so the unfiltered patient list reads one row instead of counting a clinic of 200,000
-- patients on every page view. The triggers run as the inserting role (the tenant role, under
-- RLS: a statement only ever touches its own clinic's counter); a statement inserting N patients
-- updates the counter once.
CREATE FUNCTION patients_total_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO clinic_counters (clinic_id, name, value)
  SELECT clinic_id, 'patients_total', count(*) FROM added GROUP BY clinic_id
  ON CONFLICT (clinic_id, name) DO UPDATE SET value = clinic_counters.value + EXCLUDED.value;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION patients_total_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE clinic_counters c SET value = c.value - r.n
  FROM (SELECT clinic_id, count(*) AS n FROM removed GROUP BY clinic_id) r
  WHERE c.clinic_id = r.clinic_id AND c.name = 'patients_total';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER patients_total_insert AFTER INSERT ON patients
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION patients_total_added();
--> statement-breakpoint
CREATE TRIGGER patients_total_delete AFTER DELETE ON patients
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION patients_total_removed();
--> statement-breakpoint
-- Backfill, one clinic at a time: the migrator is subject to FORCE ROW LEVEL SECURITY too, so it
-- sets app.clinic_id for each clinic as the application does.
DO $$
DECLARE c uuid;
BEGIN
  FOR c IN SELECT id FROM clinics LOOP
    PERFORM set_config('app.clinic_id', c::text, true);
    INSERT INTO clinic_counters (clinic_id, name, value)
    SELECT c, 'patients_total', count(*) FROM patients WHERE clinic_id = c
    ON CONFLICT (clinic_id, name) DO UPDATE SET value = EXCLUDED.value;
  END LOOP;
  PERFORM set_config('app.clinic_id', '', true);
END $$;
