/**
 * The four action clients (lib/actions/safe-action.ts) with actions made for the test: who may
 * call each, what a caller sees of an error, and that an action declaring a permission its client
 * does not know never runs. The shipped actions are in the isolation matrix.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { createUser, getUser } from '@/db/control/users';
import { systemAuditEvents } from '@/db/schema';
import {
  clinicAction,
  controlPlaneAction,
  publicAction,
  sessionAction,
  UNKNOWN_ERROR_PREFIX,
} from '@/lib/actions/safe-action';
import type { Permission } from '@/lib/auth/permissions';
import { ensureControlPlane } from '@/lib/auth/context';
import { ActionError, UnauthenticatedError } from '@/lib/errors';
import { makeClinic, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { currentPageStamp, signInAs, signOut, testSession } from '@/test/session-state';

const db = useTestDatabase();
let north: TestClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  north = await makeClinic('Northside');
  await signInMember(north.doctor);
});

const UNKNOWN = /^Something went wrong\. If it keeps happening, quote reference ([0-9a-f]{8})\.$/;

describe('errors', () => {
  it('shows a user-visible error as it is', async () => {
    const action = publicAction.metadata({ name: 'visible', permission: 'public' }).action(() => {
      throw new ActionError('That period has not started.');
    });
    expect((await action()).serverError).toBe('That period has not started.');
  });

  it('hides any other error behind a reference it logs with the action name', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const action = publicAction.metadata({ name: 'leaky', permission: 'public' }).action(() => {
      throw new Error('connection reset: secret detail');
    });
    const message = (await action()).serverError ?? '';
    expect(UNKNOWN_ERROR_PREFIX).toBe('Something went wrong.');
    const ref = UNKNOWN.exec(message)?.[1];
    expect(ref).toBeDefined();
    expect(logged).toHaveBeenCalledWith(`[action leaky] ref=${ref}`, expect.any(Error));
    logged.mockRestore();
  });
});

describe('metadata', () => {
  // Each client checks at run time what the types promise: a cast cannot slip a permission in.
  it('refuses, without running it, an action declaring a permission its client does not know', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ran = vi.fn(async () => 'ran');
    const as = <P>(p: string) => p as P;
    const results = [
      await clinicAction
        .metadata({ name: 'x', permission: as<Permission>('patients.purge') })
        .action(ran)(currentPageStamp()),
      await controlPlaneAction
        .metadata({ name: 'x', permission: as<'retention.run'>('patients.read') })
        .action(ran)(),
      await sessionAction
        .metadata({ name: 'x', permission: as<'own-session'>('public') })
        .action(ran)(),
      await publicAction
        .metadata({ name: 'x', permission: as<'public'>('own-session') })
        .action(ran)(),
    ];
    expect(ran).not.toHaveBeenCalled();
    expect(results.map((r) => UNKNOWN.test(r.serverError ?? ''))).toEqual([true, true, true, true]);
    logged.mockRestore();
  });
});

describe('who may call', () => {
  it('a clinic action: the page’s user in the page’s clinic, with the permission', async () => {
    const action = clinicAction
      .metadata({ name: 'whoami', permission: 'patients.read' })
      .action(async ({ ctx }) => ({ clinic: ctx.clinicId, user: ctx.user.id }));
    expect((await action(currentPageStamp())).data).toEqual({
      clinic: north.id,
      user: north.doctor.userId,
    });
  });

  it('a session action: any signed-in user', async () => {
    const action = sessionAction
      .metadata({ name: 'whoami', permission: 'own-session' })
      .action(async ({ ctx }) => ctx.user.id);
    expect((await action()).data).toBe(north.doctor.userId);
    signOut();
    expect((await action()).serverError).toBe('Please sign in');
  });

  describe('a control-plane action: a system admin in global mode, each refusal audited', () => {
    const action = controlPlaneAction
      .metadata({ name: 'ops', permission: 'retention.run' })
      .action(async ({ ctx }) => ctx.user.id);

    async function refusals() {
      return getDb()
        .db.select({
          actor: systemAuditEvents.actorUserId,
          requestId: systemAuditEvents.requestId,
          metadata: systemAuditEvents.metadata,
        })
        .from(systemAuditEvents)
        .where(
          and(
            eq(systemAuditEvents.action, 'control_plane.denied'),
            eq(systemAuditEvents.outcome, 'denied'),
          ),
        )
        .orderBy(systemAuditEvents.occurredAt);
    }

    it('refuses anonymous callers, clinic staff and an admin outside global mode', async () => {
      const { id } = await createUser(SYSTEM_ACTOR, {
        email: 'ops@example.test',
        name: 'Ops',
        passwordHash: 'not-a-real-hash',
        systemRoleId: 'system_admin',
      });
      const ops = (await getUser(id))!;
      const refusedWith = async () => (await action()).serverError;
      expect(await refusedWith()).toBe('This needs a system admin in global mode.');
      await signInAs(ops);
      expect(await refusedWith()).toBe('This needs a system admin in global mode.');
      signOut();
      testSession.headers = new Headers({ 'x-request-id': 'req-anonymous' });
      expect(await refusedWith()).toBe('Please sign in');
      testSession.headers = new Headers();
      const reasons = (await refusals()).map((r) => [r.actor, r.metadata]);
      expect(reasons).toEqual([
        [north.doctor.userId, { permission: 'retention.run', reason: 'missing_permission' }],
        [ops.id, { permission: 'retention.run', reason: 'not_in_global_mode' }],
        [null, { permission: 'retention.run', reason: 'unauthenticated' }],
      ]);
      expect((await refusals())[2]?.requestId).toBe('req-anonymous');
      await signInAs(ops, { globalMode: true });
      expect((await action()).data).toBe(ops.id);
    });

    it('asks for control_plane.access unless told otherwise', async () => {
      await expect(ensureControlPlane()).rejects.toThrow(
        'This needs a system admin in global mode.',
      );
      expect((await refusals()).map((r) => r.metadata)).toEqual([
        { permission: 'control_plane.access', reason: 'missing_permission' },
      ]);
    });

    it('audits only refusals: a failure to read the session is not one', async () => {
      // A session id that is no uuid makes the session look-up itself fail in Postgres.
      testSession.current = { ...testSession.current!, sessionId: 'not-a-uuid' };
      await expect(ensureControlPlane()).rejects.not.toBeInstanceOf(UnauthenticatedError);
      expect(await refusals()).toEqual([]);
    });
  });
});
