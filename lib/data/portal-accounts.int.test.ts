/**
 * Linking patient-portal accounts (issue 9 §7, "account oracle"): only an account that is nobody's
 * staff can be linked; a missing and an unlinkable account get one answer; look-ups are throttled
 * per user in Postgres and audited without the e-mail; and the database refuses a link to staff or
 * operators even when the application is bypassed or races a membership change.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createUser, setUserDisabled } from '@/db/control/users';
import { patients, portalLookups, users } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { PORTAL_LOOKUP_LIMIT } from '@/lib/patients/constants';
import {
  PORTAL_EMAIL_NO_ACCOUNT,
  PORTAL_EMAIL_TAKEN,
  PORTAL_LOOKUPS_THROTTLED,
  PatientFieldError,
} from '@/lib/patients/errors';
import { createPatientSchema, updatePatientSchema } from '@/lib/patients/schema';
import { untilSomeoneWaitsOnALock } from '@/test/locks';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { auditRows, createStaffClinic, dataCtx, type StaffClinic } from '@/test/patient-world';
import { standing } from '@/test/walls';
import { createPatient, getPatientForView, updatePatient } from './patients';

const db = useTestDatabase();

let a: StaffClinic;
let b: StaffClinic;
let portal: { id: string };
let ops: { id: string };
let disabled: { id: string };

const PORTAL_EMAIL = 'Portal.User@example.test';

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createStaffClinic('a');
  b = await createStaffClinic('b');
  const user = (email: string, systemRoleId: 'system_admin' | null = null) =>
    createUser(SYSTEM_ACTOR, { email, name: email, passwordHash: 'x', systemRoleId });
  portal = await user(PORTAL_EMAIL);
  ops = await user('ops@example.test', 'system_admin');
  disabled = await user('disabled@example.test');
  await setUserDisabled(SYSTEM_ACTOR, disabled.id, true);
});

/** Clinic A's receptionist, the caller of most tests. */
const reception = () => dataCtx(a.id, a.staff.receptionist.id);

const create = (ctx: ReturnType<typeof dataCtx>, portalEmail: string, givenName = 'Pat') =>
  createPatient(
    ctx,
    createPatientSchema.parse({
      givenName,
      familyName: 'Portal',
      dateOfBirth: '2000-01-01',
      sex: 'female',
      confirmDuplicate: true,
      portalEmail,
    }),
  );

const update = (ctx: ReturnType<typeof dataCtx>, id: string, portalEmail: string) =>
  updatePatient(
    ctx,
    updatePatientSchema.parse({
      id,
      givenName: 'Pat',
      familyName: 'Portal',
      dateOfBirth: '2000-01-01',
      sex: 'female',
      portalEmail,
    }),
  );

const refusal = (message: string) => new PatientFieldError('portalEmail', message);

async function linkedPatients(userId: string) {
  const rows = await Promise.all(
    [a.id, b.id].map((clinicId) =>
      tenantDb(clinicId).transaction((t) => t.from(patients).where(eq(patients.userId, userId))),
    ),
  );
  return rows.flat();
}

describe('linking a portal account', () => {
  it('links an enabled account with no membership and no system role, case-insensitively', async () => {
    const created = await create(reception(), ' portal.user@EXAMPLE.test ');
    if (created.status !== 'created') throw new Error('not created');
    expect((await linkedPatients(portal.id)).map((p) => p.id)).toEqual([created.id]);
    const view = await getPatientForView(reception(), created.id);
    expect(view.portalEmail).toBe(PORTAL_EMAIL);
  });

  it('answers no account, staff (this clinic or another), an operator and a disabled account alike', async () => {
    const emails = [
      'nobody@example.test',
      a.staff.nurse.email,
      b.staff.doctor.email.toUpperCase(),
      'ops@example.test',
      'disabled@example.test',
    ];
    for (const email of emails)
      await expect(create(reception(), email), email).rejects.toEqual(
        refusal(PORTAL_EMAIL_NO_ACCOUNT),
      );
    await expect(update(reception(), a.patientIds[0]!, b.staff.clinic_admin.email)).rejects.toEqual(
      refusal(PORTAL_EMAIL_NO_ACCOUNT),
    );
    for (const user of [a.staff.nurse, b.staff.doctor, ops, disabled])
      expect(await linkedPatients(user.id)).toEqual([]);
  });

  it('refuses an account already linked in this clinic, but not in another', async () => {
    await create(reception(), PORTAL_EMAIL);
    await expect(create(reception(), PORTAL_EMAIL, 'Other')).rejects.toEqual(
      refusal(PORTAL_EMAIL_TAKEN),
    );
    expect(await create(dataCtx(b.id, b.staff.receptionist.id), PORTAL_EMAIL)).toMatchObject({
      status: 'created',
    });
  });

  it('keeps, changes and removes the link on update', async () => {
    const other = await createUser(SYSTEM_ACTOR, {
      email: 'other@example.test',
      name: 'Other',
      passwordHash: 'x',
    });
    const created = await create(reception(), PORTAL_EMAIL);
    if (created.status !== 'created') throw new Error('not created');
    const linkOf = async () => (await tenantDb(a.id).findById(patients, created.id))?.userId;
    await update(reception(), created.id, 'PORTAL.USER@example.test');
    expect(await linkOf()).toBe(portal.id);
    await update(reception(), created.id, 'other@example.test');
    expect(await linkOf()).toBe(other.id);
    await update(reception(), created.id, '');
    expect(await linkOf()).toBeNull();
    await expect(update(reception(), created.id, 'ghost@example.test')).rejects.toEqual(
      refusal(PORTAL_EMAIL_NO_ACCOUNT),
    );
  });
});

describe('look-ups are audited in the clinic, without the e-mail', () => {
  it('records each look-up with its outcome, also when it is refused', async () => {
    await expect(create(reception(), b.staff.doctor.email)).rejects.toEqual(
      refusal(PORTAL_EMAIL_NO_ACCOUNT),
    );
    await update(reception(), a.patientIds[1]!, PORTAL_EMAIL);
    const rows = await auditRows(a.id, 'patient.portal_lookup');
    expect(
      rows
        .map((r) => [r.actorUserId, r.outcome, r.entityType, r.entityId, r.metadata])
        .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    ).toEqual([
      [a.staff.receptionist.id, 'failure', 'patient', null, { result: 'no_linkable_account' }],
      [a.staff.receptionist.id, 'success', 'patient', a.patientIds[1], { result: 'linkable' }],
    ]);
    const text = JSON.stringify(rows).toLowerCase();
    for (const email of [b.staff.doctor.email, PORTAL_EMAIL])
      expect(text).not.toContain(email.toLowerCase().split('@')[0]);
    expect(await auditRows(b.id, 'patient.portal_lookup')).toEqual([]);
  });
});

describe('look-ups are throttled per user, in Postgres', () => {
  const { count, windowMinutes } = PORTAL_LOOKUP_LIMIT;

  it(`refuses look-up ${count + 1} within ${windowMinutes} minutes, in every clinic of that user, and audits it`, async () => {
    for (let i = 0; i < count; i += 1)
      await expect(create(reception(), `nobody${i}@example.test`)).rejects.toEqual(
        refusal(PORTAL_EMAIL_NO_ACCOUNT),
      );
    await expect(create(reception(), PORTAL_EMAIL)).rejects.toEqual(
      refusal(PORTAL_LOOKUPS_THROTTLED),
    );
    // The same user working in clinic B shares the budget; the count is the user's, not a clinic's.
    await expect(create(dataCtx(b.id, a.staff.receptionist.id), PORTAL_EMAIL)).rejects.toEqual(
      refusal(PORTAL_LOOKUPS_THROTTLED),
    );
    expect(await linkedPatients(portal.id)).toEqual([]);
    const denied = (await auditRows(a.id, 'patient.portal_lookup')).filter(
      (r) => r.outcome === 'denied',
    );
    expect(denied.map((r) => r.metadata)).toEqual([{ result: 'throttled' }]);
    // Another user is not affected.
    expect(await create(dataCtx(a.id, a.staff.doctor.id), PORTAL_EMAIL)).toMatchObject({
      status: 'created',
    });
  });

  it('counts concurrent look-ups of one user exactly (no two slip past the limit together)', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: count + 5 }, (_, i) => create(reception(), `nobody${i}@example.test`)),
    );
    const messages = results.map((r) =>
      r.status === 'rejected' ? (r.reason as Error).message : 'created',
    );
    expect(messages.filter((m) => m === PORTAL_LOOKUPS_THROTTLED)).toHaveLength(5);
    expect(messages.filter((m) => m === PORTAL_EMAIL_NO_ACCOUNT)).toHaveLength(count);
  });

  it('counts only the last window: older look-ups no longer count', async () => {
    for (let i = 0; i < count; i += 1)
      await expect(create(reception(), `nobody${i}@example.test`)).rejects.toBeDefined();
    await expect(create(reception(), PORTAL_EMAIL)).rejects.toEqual(
      refusal(PORTAL_LOOKUPS_THROTTLED),
    );
    // The look-ups happened a window and a minute ago (moved back as the owner: a system table).
    await db
      .handle()
      .db.update(portalLookups)
      .set({
        lookedUpAt: sql`${portalLookups.lookedUpAt} - make_interval(mins => ${windowMinutes + 1})`,
      })
      .where(eq(portalLookups.userId, a.staff.receptionist.id));
    expect(await create(reception(), PORTAL_EMAIL)).toMatchObject({ status: 'created' });
    // The old rows are gone: the function cleans up as it counts.
    const left = await db
      .handle()
      .db.select()
      .from(portalLookups)
      .where(and(eq(portalLookups.userId, a.staff.receptionist.id)));
    expect(left).toHaveLength(1);
  });
});

describe('the database refuses links to staff and operators, whatever the application does', () => {
  const linkable = { constraint: 'patients_portal_account_linkable', code: '23514' };

  it('a tenant-role insert or update pointing at staff, an operator or a disabled account fails', async () => {
    const write = (userId: string) =>
      tenantDb(a.id).transaction((t) =>
        t.update(patients, { userId }, eq(patients.id, a.patientIds[0]!)),
      );
    for (const userId of [a.staff.nurse.id, b.staff.doctor.id, ops.id, disabled.id]) {
      const err = await write(userId).then(
        () => null,
        (e: unknown) => (e as { cause?: unknown }).cause ?? e,
      );
      expect(err, userId).toMatchObject(linkable);
    }
    await expect(
      tenantDb(a.id).transaction((t) =>
        t.insert(patients, {
          givenName: 'Raw',
          familyName: 'Insert',
          dateOfBirth: '2000-01-01',
          sex: 'unknown',
          mrn: 'RAW-1',
          userId: ops.id,
        }),
      ),
    ).rejects.toMatchObject({ cause: linkable });
    await write(portal.id);
    expect((await linkedPatients(portal.id)).map((p) => p.id)).toEqual([a.patientIds[0]]);
  });

  it('a record linked before its account became staff stays editable (only a changed link is checked)', async () => {
    const created = await create(reception(), PORTAL_EMAIL);
    if (created.status !== 'created') throw new Error('not created');
    await db
      .handle()
      .db.execute(
        sql`insert into clinic_memberships (user_id, clinic_id, role_id) values (${portal.id}, ${b.id}, 'nurse')`,
      );
    await expect(update(reception(), created.id, PORTAL_EMAIL)).resolves.toMatchObject({
      status: 'updated',
    });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'a membership granted while the link is written: the link waits for it, then is refused',
    async () => {
      const handle = db.handle();
      if (handle.kind !== 'pg') throw new Error('needs Postgres');
      const other = await handle.pool.connect();
      try {
        await other.query('BEGIN');
        await other.query(
          `insert into clinic_memberships (user_id, clinic_id, role_id) values ($1, $2, 'nurse')`,
          [portal.id, b.id],
        );
        // The look-up cannot see the uncommitted membership and answers "linkable"; the write's
        // check then waits on the account row until the membership commits, and sees it.
        const linking = create(reception(), PORTAL_EMAIL);
        linking.catch(() => {}); // awaited below; keeps an early rejection from going unhandled
        await untilSomeoneWaitsOnALock(handle.pool);
        await other.query('COMMIT');
        await expect(linking).rejects.toEqual(refusal(PORTAL_EMAIL_NO_ACCOUNT));
      } finally {
        other.release();
      }
      expect(await linkedPatients(portal.id)).toEqual([]);
    },
  );
});

describe('the tenant role cannot enumerate users', () => {
  it('the look-up finds one exact, linkable e-mail only', async () => {
    const rows = await tenantDb(a.id).transaction(async (t) => ({
      found: await t.lookupPortalAccount(a.staff.nurse.id, PORTAL_EMAIL, PORTAL_LOOKUP_LIMIT),
      pattern: await t.lookupPortalAccount(a.staff.nurse.id, '%', PORTAL_LOOKUP_LIMIT),
      staff: await t.lookupPortalAccount(
        a.staff.nurse.id,
        b.staff.doctor.email,
        PORTAL_LOOKUP_LIMIT,
      ),
      operator: await t.lookupPortalAccount(
        a.staff.nurse.id,
        'ops@example.test',
        PORTAL_LOOKUP_LIMIT,
      ),
    }));
    expect(rows.found).toEqual({ accountId: portal.id, throttled: false });
    for (const answer of [rows.pattern, rows.staff, rows.operator])
      expect(answer).toEqual({ accountId: null, throttled: false });
  });

  // Row-level security's doing: not there with the data layer alone (WALLS=wall1).
  it.runIf(standing('rls'))('sees no user beyond its own staff', async () => {
    const visible = await tenantDb(a.id).transaction((t) => t.from(users, { id: users.id }));
    expect(visible.map((r) => r.id)).not.toContain(portal.id);
    expect(visible.map((r) => r.id)).not.toContain(b.staff.doctor.id);
  });
});
