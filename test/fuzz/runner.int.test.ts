/**
 * The fuzz runner can fail: probes (endpoints written here, never in the app) that crash, write
 * while refusing, write into another clinic, leave a stored file behind or answer with another
 * clinic's ids are each caught; a well-behaved probe passes.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { clinicAction } from '@/lib/actions/safe-action';
import { ActionError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';
import { resetDatabase, useTestDatabase } from '../db';
import { useTempStorage } from '../export-support';
import { signIn, type AnyClinicAction } from '../isolation-harness';
import { signOut } from '../session-state';
import { shapedBy } from './action-entries';
import { storageChecksums, tableChecksums } from './checksums';
import { actionOutcome, fuzzEndpoint, responseOutcome, type FuzzEntry } from './runner';
import { buildFuzzWorld, type FuzzWorld } from './world';

const db = useTestDatabase();
const storage = useTempStorage();

const probeInput = z.object({ name: z.string().max(20) }).strict();

const newPatient = (name: string) => ({
  givenName: name || 'x',
  familyName: 'Probe',
  dateOfBirth: '1990-01-01',
  sex: 'other' as const,
  mrn: `P-${randomUUID()}`,
});

/** The world of the probe being fuzzed (probe bodies write into its clinic B). */
let world: FuzzWorld;

/** A probe action whose body is `body`, after the real clinic checks. */
function probeAction(body: (name: string, clinicId: string) => Promise<unknown>): FuzzEntry {
  const action = clinicAction
    .metadata({ name: 'probe', permission: 'patients.create' })
    .inputSchema(probeInput)
    .action(async ({ parsedInput, ctx }) => body(parsedInput.name, ctx.clinicId));
  return {
    id: 'probe',
    fn: action,
    caller: (w) => ({ label: 'A admin', user: w.a.users.clinic_admin, clinicId: w.a.id }),
    inputs: (w) => shapedBy(probeInput, w),
    call: async (w, input) =>
      actionOutcome(
        await (action as AnyClinicAction)(
          { clinicId: w.a.id, userId: w.a.users.clinic_admin.id },
          input,
        ),
      ),
    mayChange: (w, _input, key) => key.startsWith(`${w.a.id}:`),
    secret: (w) => w.foreignIds,
  };
}

function probeRoute(handler: (w: FuzzWorld) => Promise<Response>, mayChangeOwn = false): FuzzEntry {
  return {
    id: 'probe',
    fn: handler,
    caller: (w) => ({ label: 'A admin', user: w.a.users.clinic_admin, clinicId: w.a.id }),
    inputs: () => fc.string(),
    call: async (w) => responseOutcome(await handler(w)),
    mayChange: (w, _input, key) => mayChangeOwn && key.startsWith(`${w.a.id}:`),
    secret: (w) => w.foreignIds,
  };
}

async function fuzz(entry: FuzzEntry) {
  await resetDatabase(db.handle());
  world = await buildFuzzWorld();
  return fuzzEndpoint(entry, world, {
    seed: 1,
    numRuns: 20,
    signIn: async (c) => (c ? signIn(c) : signOut()),
    snapshot: async () =>
      new Map([...(await tableChecksums()), ...storageChecksums(storage.dir())]),
  });
}

describe('the fuzz runner catches', () => {
  it('nothing in a well-behaved endpoint (it writes its own clinic only, refuses cleanly)', async () => {
    const entry = probeAction(async (name, clinicId) => {
      if (name.length > 5) throw new ActionError('Too long');
      return tenantDb(clinicId).transaction((t) => t.insert(patients, newPatient(name)));
    });
    const stats = await fuzz(entry);
    expect(stats.accepted).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThan(0);
  });

  it('an unknown error (what a 500 is to an action)', async () => {
    const entry = probeAction(async () => {
      throw new Error('boom');
    });
    await expect(fuzz(entry)).rejects.toThrow(/crashed: .*Something went wrong/);
  });

  it('a refusal that wrote first', async () => {
    const entry = probeAction(async (name, clinicId) => {
      await tenantDb(clinicId).transaction((t) => t.insert(patients, newPatient(name)));
      throw new ActionError('Refused after all');
    });
    await expect(fuzz(entry)).rejects.toThrow(/refused but changed .*:patients/);
  });

  it('an accepted call that wrote into another clinic', async () => {
    const entry = probeAction(async (name) =>
      tenantDb(world.b.id).transaction((t) => t.insert(patients, newPatient(name))),
    );
    const failure = await fuzz(entry).catch((err: Error) => err.message);
    expect(failure).toMatch(new RegExp(`accepted but changed .*${world.b.id}:patients`));
  });

  it("an answer holding another clinic's ids", async () => {
    const entry = probeRoute(async (w) => NextResponse.json({ items: w.b.patientIds }));
    await expect(fuzz(entry)).rejects.toThrow(/answered with another clinic's ids/);
  });

  it('a 500 from a route', async () => {
    const entry = probeRoute(async () => NextResponse.json({}, { status: 500 }));
    await expect(fuzz(entry)).rejects.toThrow(/crashed: 500/);
  });

  it('a refused upload that left its bytes in storage', async () => {
    const entry = probeRoute(async (w) => {
      await getStorage().put(
        `clinic_${w.a.id}/document/${randomUUID()}-x.pdf`,
        Buffer.from('%PDF'),
        'application/pdf',
      );
      return NextResponse.json({ error: 'refused' }, { status: 415 });
    }, true);
    await expect(fuzz(entry)).rejects.toThrow(/refused but changed .*:storage/);
  });
});
