/**
 * GET /file/download/{attachmentId}: the only way a file leaves storage. Called as Next calls the
 * route handler, with the session standing in for the cookie (test/setup.ts).
 */
import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as download } from '@/app/file/download/[attachmentId]/route';
import { auditEvents, fileAttachments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { requireClinicContext } from '@/lib/auth/context';
import { openDownload } from '@/lib/data/downloads';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { getStorage, setStorage } from '@/lib/storage';
import { makeClinic, makeMember, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { exportFile, exportRow, useTempStorage } from '@/test/export-support';
import { fromPage, signOut } from '@/test/session-state';

const db = useTestDatabase();
useTempStorage();

let a: TestClinic;
let b: TestClinic;
/** Clinic A's export file. */
let fileId: string;
let exportId: string;

beforeEach(async () => {
  signOut();
  await resetDatabase(db.handle());
  a = await makeClinic('a');
  b = await makeClinic('b');
  await signInMember(a.doctor);
  const r = await fromPage(requestPatientsCsvAction)({});
  exportId = r.data!.exportId;
  fileId = (await exportRow(a.id, exportId)).attachmentId!;
  signOut();
});

function get(id: string): Promise<Response> {
  const req = new NextRequest(
    new URL(`/file/download/${encodeURIComponent(id)}`, 'http://localhost'),
  );
  return download(req, { params: Promise.resolve({ attachmentId: id }) });
}

async function downloadAudit(clinicId: string) {
  return tenantDb(clinicId).list(auditEvents, {
    where: eq(auditEvents.action, 'file.download'),
    orderBy: [auditEvents.occurredAt],
    limit: 100,
  });
}

const NOT_FOUND_BODY = { error: 'File not found' };

describe('GET /file/download/{attachmentId}', () => {
  it('streams the file with attachment, no-store and nosniff headers, and audits it', async () => {
    await signInMember(a.doctor);
    const res = await get(fileId);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(await exportFile(a.id, exportId))).toBe(true);
    const filename = (await tenantDb(a.id).findById(fileAttachments, fileId))!.filename;
    expect(filename).toMatch(/^patients-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(body.length),
      'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${filename}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const [event] = await downloadAudit(a.id);
    expect(event).toMatchObject({
      actorUserId: a.doctor.userId,
      outcome: 'success',
      entityType: 'file_attachment',
      entityId: fileId,
      metadata: { purpose: 'export', size: body.length },
    });
  });

  it('openDownload answers ok with the attachment and its bytes, for the route to stream', async () => {
    await signInMember(a.doctor);
    const result = await openDownload(await requireClinicContext(), fileId);
    expect(result).toMatchObject({ status: 'ok', attachment: { id: fileId } });
    if (result.status === 'ok') result.body.destroy();
  });

  it('takes the id in either case, as a uuid', async () => {
    await signInMember(a.doctor);
    expect((await get(fileId.toUpperCase())).status).toBe(200);
  });

  it('answers another clinic’s id, a missing id and a malformed id with the same 404', async () => {
    const bAdmin = await makeMember(b.id, 'clinic_admin');
    await signInMember(bAdmin);
    const foreign = await get(fileId);
    const missing = await get('00000000-0000-4000-8000-000000000000');
    const malformed = await get('not-a-uuid');
    const traversal = await get('../../etc/passwd');
    const padded = await get(`${fileId}x`);
    const prefixed = await get(`x${fileId}`);
    for (const res of [foreign, missing, malformed, traversal, padded, prefixed]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(await res.json()).toEqual(NOT_FOUND_BODY);
    }
    // Each attempt is audited, in the caller's clinic, as a failure; nothing in clinic A.
    const attempts = await downloadAudit(b.id);
    // A malformed id is user input, not an id: it is not recorded.
    const notFound = { reason: 'not_found' };
    const invalid = { reason: 'invalid_id' };
    expect(attempts.map((e) => [e.outcome, e.entityId, e.metadata])).toEqual([
      ['failure', fileId, notFound],
      ['failure', '00000000-0000-4000-8000-000000000000', notFound],
      ['failure', null, invalid],
      ['failure', null, invalid],
      ['failure', null, invalid],
      ['failure', null, invalid],
    ]);
    expect(await downloadAudit(a.id)).toEqual([]);
  });

  it('refuses roles without exports.download with the same 404, audited as denied', async () => {
    for (const role of ['receptionist', 'nurse'] as const) {
      const member = await makeMember(a.id, role);
      await signInMember(member);
      const res = await get(fileId);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(NOT_FOUND_BODY);
      const denied = await tenantDb(a.id).list(auditEvents, {
        where: and(
          eq(auditEvents.action, 'authz.denied'),
          eq(auditEvents.actorUserId, member.userId),
        ),
        limit: 10,
      });
      expect(denied).toHaveLength(1);
      expect(denied[0]!.metadata).toEqual({ permission: 'exports.download' });
    }
  });

  it('refuses anonymous requests with 401', async () => {
    const res = await get(fileId);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('a replaced (deleted) file is not found any more', async () => {
    await signInMember(a.doctor);
    await fromPage(requestPatientsCsvAction)({ sex: 'male' });
    const res = await get(fileId);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(NOT_FOUND_BODY);
  });

  it('a live record whose bytes are gone is a clear 404, and logged', async () => {
    const row = (await tenantDb(a.id).findById(fileAttachments, fileId))!;
    await getStorage().delete(row.storageKey);
    await signInMember(a.doctor);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await get(fileId);
    expect(logged).toHaveBeenCalledWith(
      `[download] attachment ${fileId} of clinic ${a.id}: stored file missing (${row.storageKey})`,
    );
    logged.mockRestore();
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/no longer available/);
    const [event] = await downloadAudit(a.id);
    expect(event).toMatchObject({
      outcome: 'failure',
      metadata: { reason: 'stored_file_missing' },
    });
  });

  it('a storage failure other than a missing file is a 500, not a 404', async () => {
    const storage = getStorage();
    setStorage({ ...storage, get: async () => Promise.reject(new Error('storage down')) });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await signInMember(a.doctor);
      expect((await get(fileId)).status).toBe(500);
    } finally {
      setStorage(storage);
      logged.mockRestore();
    }
  });
});
