-- Patient-portal accounts: only accounts that are nobody's staff can be linked, look-ups are
-- throttled per user, and the database refuses any other link whatever the application does.
--
-- find_user_id_by_email (0005) answered for every account in the system: a receptionist learned
-- whether any e-mail had an account anywhere, and could link a patient to a staff or operator
-- account. It is replaced by lookup_portal_account, which answers "no linkable account" alike for
-- a missing, staff (any membership), operator (system role) or disabled account.
DROP FUNCTION find_user_id_by_email(text);
--> statement-breakpoint
-- What "linkable" means, in one place: an enabled account with no clinic membership and no system
-- role. Called only from the two SECURITY DEFINER functions below, so it reads users and
-- memberships as their owner (these tables' RLS is not forced); nobody else may execute it.
CREATE FUNCTION portal_account_linkable(p_user_id uuid) RETURNS boolean
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM public.users u
      WHERE u.id = p_user_id
        AND NOT u.disabled
        AND u.system_role_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM public.clinic_memberships m WHERE m.user_id = u.id)
    )
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION portal_account_linkable(uuid) FROM PUBLIC;
--> statement-breakpoint
-- The linkable account with exactly this e-mail (case-insensitive), or NULL; or, when p_actor has
-- made p_limit look-ups in the last p_window_minutes, throttled and no look-up at all. The count
-- lives here, in Postgres, so it holds across app instances and across the actor's clinics. An
-- advisory lock per actor makes count-then-insert atomic against the actor's concurrent look-ups.
-- Refused look-ups are not counted, so a throttled user is free again one window after their
-- last real look-up.
CREATE FUNCTION lookup_portal_account(
  p_actor uuid,
  p_email text,
  p_limit integer,
  p_window_minutes integer,
  OUT account_id uuid,
  OUT throttled boolean
)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('portal_lookup:' || p_actor::text, 0));
    DELETE FROM public.portal_lookups l
      WHERE l.user_id = p_actor
        AND l.looked_up_at <= now() - make_interval(mins => p_window_minutes);
    throttled := (SELECT count(*) FROM public.portal_lookups l WHERE l.user_id = p_actor) >= p_limit;
    IF throttled THEN
      RETURN;
    END IF;
    INSERT INTO public.portal_lookups (user_id) VALUES (p_actor);
    SELECT u.id INTO account_id
      FROM public.users u
      WHERE lower(u.email) = lower(btrim(p_email)) AND public.portal_account_linkable(u.id);
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lookup_portal_account(uuid, text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lookup_portal_account(uuid, text, integer, integer) TO clinic_app_tenant;
--> statement-breakpoint
-- The wall under the look-up: a patient row can only point at a linkable account, checked when
-- the link is written. It first locks the account row (FOR UPDATE conflicts with the key-share
-- lock a new membership's foreign key takes, and with a system-role update), so a link and a
-- concurrent change of the account are serialised: a link waits for an uncommitted membership and
-- then sees it. The error names a constraint so the application can show the form message.
CREATE FUNCTION patients_check_portal_link() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    PERFORM 1 FROM public.users u WHERE u.id = NEW.user_id FOR UPDATE;
    IF NOT public.portal_account_linkable(NEW.user_id) THEN
      RAISE EXCEPTION 'only a patient-portal account can be linked to a patient'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'patients_portal_account_linkable';
    END IF;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION patients_check_portal_link() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER patients_portal_link_insert BEFORE INSERT ON patients
  FOR EACH ROW WHEN (NEW.user_id IS NOT NULL) EXECUTE FUNCTION patients_check_portal_link();
--> statement-breakpoint
-- Only a changed link is checked: a record linked before its account became staff stays editable.
CREATE TRIGGER patients_portal_link_update BEFORE UPDATE OF user_id ON patients
  FOR EACH ROW WHEN (NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id)
  EXECUTE FUNCTION patients_check_portal_link();
