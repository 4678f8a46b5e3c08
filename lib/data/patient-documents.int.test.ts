/**
 * Patient documents: POST /api/patients/{id}/documents (called as Next calls the route handler,
 * with the session standing in for the cookie), the patient page's list, and the gated download.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { POST as upload } from '@/app/api/patients/[patientId]/documents/route';
import { GET as download } from '@/app/file/download/[attachmentId]/route';
import { auditEvents, fileAttachments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { attachPatientDocument, listPatientDocuments } from '@/lib/data/patient-documents';
import { pageStampHeaders } from '@/lib/auth/page-stamp';
import { DOCUMENT_MESSAGES, MAX_DOCUMENT_BYTES } from '@/lib/patients/documents';
import { makeClinic, makeMember, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { storedFiles, useTempStorage } from '@/test/export-support';
import { encodeMultipart } from '@/test/multipart';
import { currentPageStamp, signOut } from '@/test/session-state';

const db = useTestDatabase();
const storage = useTempStorage();

/** The smallest files each signature check accepts, and things that only look like them. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0, 0,
]);
const SCRIPT = Buffer.from('<script>alert(document.cookie)</script>');

let a: TestClinic;
let b: TestClinic;
let patientId: string;

beforeEach(async () => {
  signOut();
  await resetDatabase(db.handle());
  fs.rmSync(storage.dir(), { recursive: true, force: true });
  a = await makeClinic('a');
  b = await makeClinic('b');
  patientId = a.patientIds[0]!;
  await signInMember(a.doctor);
});

/** A multipart upload as a browser sends it: with its Content-Length. */
async function post(
  id: string,
  file: { name: string; bytes: Buffer; type?: string } | null,
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  if (file)
    form.set('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? '' }));
  const encoded = await encodeMultipart(form);
  const req = new NextRequest(new URL(`/api/patients/${id}/documents`, 'http://localhost'), {
    method: 'POST',
    body: encoded.body,
    headers: { ...pageStampHeaders(currentPageStamp()), ...encoded.headers, ...headers },
  });
  return upload(req, { params: Promise.resolve({ patientId: id }) });
}

async function documentsOf(clinicId: string) {
  return tenantDb(clinicId).list(fileAttachments, {
    where: eq(fileAttachments.purpose, 'patient_document'),
    limit: 100,
  });
}

async function uploadAudit(clinicId: string) {
  const rows = await tenantDb(clinicId).list(auditEvents, {
    where: eq(auditEvents.action, 'patient.document_upload'),
    orderBy: [auditEvents.occurredAt],
    limit: 100,
  });
  return rows.map((r) => ({ outcome: r.outcome, entityId: r.entityId, metadata: r.metadata }));
}

describe('attaching a document', () => {
  it.each([
    ['referral.pdf', PDF, 'application/pdf'],
    ['x-ray.png', PNG, 'image/png'],
    ['scan.jpg', JPEG, 'image/jpeg'],
  ])('stores %s as its sniffed type, lists it and audits it', async (name, bytes, type) => {
    const res = await post(patientId, { name, bytes, type: 'application/octet-stream' });
    expect(res.status).toBe(201);
    const { document } = (await res.json()) as { document: { id: string } };
    const [row] = await documentsOf(a.id);
    expect(row).toMatchObject({ id: document.id, contentType: type, size: bytes.length });
    expect(row?.storageKey).toMatch(new RegExp(`^clinic_${a.id}/patient_document/${row?.id}-`));
    expect(await listPatientDocuments({ db: tenantDb(a.id) }, patientId)).toEqual([
      expect.objectContaining({ id: document.id, filename: name, uploadedBy: a.doctor.name }),
    ]);
    expect(await uploadAudit(a.id)).toEqual([
      {
        outcome: 'success',
        entityId: patientId,
        metadata: { attachmentId: document.id, contentType: type, size: bytes.length },
      },
    ]);
  });

  it('judges the content, not the name: a PNG named .pdf is a PNG', async () => {
    const res = await post(patientId, { name: 'report.pdf', bytes: PNG, type: 'application/pdf' });
    expect(res.status).toBe(201);
    expect((await documentsOf(a.id))[0]?.contentType).toBe('image/png');
  });

  it.each([
    [
      'a script named .pdf',
      { name: 'invoice.pdf', bytes: SCRIPT, type: 'application/pdf' },
      415,
      DOCUMENT_MESSAGES.wrongType,
    ],
    ['an empty file', { name: 'empty.pdf', bytes: Buffer.alloc(0) }, 400, DOCUMENT_MESSAGES.empty],
    [
      'a file over 10 MB',
      { name: 'huge.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)]) },
      413,
      DOCUMENT_MESSAGES.tooLarge,
    ],
    ['no file at all', null, 400, DOCUMENT_MESSAGES.missing],
  ])('refuses %s with a clear message and stores nothing', async (_, file, status, message) => {
    const res = await post(patientId, file);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: message });
    expect(await documentsOf(a.id)).toEqual([]);
    expect(storedFiles(storage.dir())).toEqual([]);
  });

  it('streams up to the limit: exactly 10 MB is stored, one byte more is refused and nothing kept', async () => {
    const atLimit = Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES - PDF.length)]);
    const accepted = await post(patientId, { name: 'full.pdf', bytes: atLimit });
    expect(accepted.status).toBe(201);
    expect((await documentsOf(a.id)).map((d) => d.size)).toEqual([MAX_DOCUMENT_BYTES]);

    const over = await post(patientId, {
      name: 'over.pdf',
      bytes: Buffer.concat([atLimit, PDF.subarray(0, 1)]),
    });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: DOCUMENT_MESSAGES.tooLarge });
    expect(await documentsOf(a.id)).toHaveLength(1);
    expect(storedFiles(storage.dir())).toHaveLength(1);
    expect((await uploadAudit(a.id)).map((e) => e.metadata)).toEqual([
      expect.objectContaining({ size: MAX_DOCUMENT_BYTES }),
      { reason: 'too_large' },
    ]);
  });

  it('refuses a body that passes the limit while it is being stored, and keeps nothing of it', async () => {
    // Many chunks, as a slow upload arrives: the type is known long before the limit is passed.
    function* chunks() {
      yield PDF;
      for (let i = 0; i < MAX_DOCUMENT_BYTES / 65_536; i++) yield Buffer.alloc(65_536);
    }
    const ctx = {
      db: tenantDb(a.id),
      user: { id: a.doctor.userId, email: a.doctor.email, name: a.doctor.name, systemRoleId: null },
      meta: { requestId: 'test', ip: null },
    };
    await expect(
      attachPatientDocument(ctx, patientId, { filename: 'big.pdf', body: Readable.from(chunks()) }),
    ).rejects.toMatchObject({ status: 413, message: DOCUMENT_MESSAGES.tooLarge });
    expect(await documentsOf(a.id)).toEqual([]);
    expect(storedFiles(storage.dir())).toEqual([]);
    expect(await uploadAudit(a.id)).toEqual([
      { outcome: 'failure', entityId: patientId, metadata: { reason: 'too_large' } },
    ]);
  });

  it('answers a body cut off in the middle of the file with a 400, and keeps nothing', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File([new Uint8Array(Buffer.concat([PDF, Buffer.alloc(200_000)]))], 'x.pdf'),
    );
    const encoded = await encodeMultipart(form);
    const whole = new Uint8Array(encoded.body);
    // The first 100 kB only: the closing boundary never comes (Content-Length says what arrived).
    const cut = whole.slice(0, 100_000);
    const req = new NextRequest(
      new URL(`/api/patients/${patientId}/documents`, 'http://localhost'),
      {
        method: 'POST',
        body: cut,
        headers: {
          ...pageStampHeaders(currentPageStamp()),
          'content-type': encoded.headers['content-type']!,
          'content-length': String(cut.byteLength),
        },
      },
    );
    const res = await upload(req, { params: Promise.resolve({ patientId }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: DOCUMENT_MESSAGES.cutOff });
    expect(await documentsOf(a.id)).toEqual([]);
    expect(storedFiles(storage.dir())).toEqual([]);
    expect(await uploadAudit(a.id)).toEqual([
      { outcome: 'failure', entityId: patientId, metadata: { reason: 'cut_off' } },
    ]);
  });

  it('audits a refused upload as a failure, with the reason only', async () => {
    await post(patientId, { name: 'invoice.pdf', bytes: SCRIPT });
    expect(await uploadAudit(a.id)).toEqual([
      { outcome: 'failure', entityId: patientId, metadata: { reason: 'wrong_type' } },
    ]);
  });

  it("answers another clinic's patient exactly like a missing one, and stores nothing", async () => {
    const foreign = await post(b.patientIds[0]!, { name: 'x.pdf', bytes: PDF });
    const missing = await post('00000000-0000-4000-8000-000000000000', {
      name: 'x.pdf',
      bytes: PDF,
    });
    const malformed = await post('not-an-id', { name: 'x.pdf', bytes: PDF });
    for (const res of [foreign, missing, malformed]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Patient not found' });
    }
    expect(await documentsOf(a.id)).toEqual([]);
    expect(await documentsOf(b.id)).toEqual([]);
    expect(storedFiles(storage.dir())).toEqual([]);
  });

  it('refuses a cross-site upload before looking at it', async () => {
    const res = await post(
      patientId,
      { name: 'x.pdf', bytes: PDF },
      { origin: 'https://evil.test' },
    );
    expect(res.status).toBe(403);
    expect(await documentsOf(a.id)).toEqual([]);
  });

  it('does not believe a client-sent X-Forwarded-Host naming the foreign origin', async () => {
    const res = await post(
      patientId,
      { name: 'x.pdf', bytes: PDF },
      { origin: 'https://evil.test', host: 'localhost', 'x-forwarded-host': 'evil.test' },
    );
    expect(res.status).toBe(403);
    expect(await documentsOf(a.id)).toEqual([]);
  });

  it('accepts a same-site upload (this test run has no AUTH_URL: the Host header decides)', async () => {
    const res = await post(
      patientId,
      { name: 'x.pdf', bytes: PDF },
      { origin: 'http://localhost', host: 'localhost' },
    );
    expect(res.status).toBe(201);
  });

  it('refuses an upload without a length, which could be any size', async () => {
    const form = new FormData();
    form.set('file', new File([new Uint8Array(PDF)], 'x.pdf'));
    const req = new NextRequest(
      new URL(`/api/patients/${patientId}/documents`, 'http://localhost'),
      { method: 'POST', body: form, headers: pageStampHeaders(currentPageStamp()) },
    );
    const res = await upload(req, { params: Promise.resolve({ patientId }) });
    expect(res.status).toBe(411);
  });
});

describe('a stored document', () => {
  async function attach(): Promise<string> {
    const res = await post(patientId, { name: 'Befund März.pdf', bytes: PDF });
    return ((await res.json()) as { document: { id: string } }).document.id;
  }

  function get(id: string): Promise<Response> {
    const req = new NextRequest(new URL(`/file/download/${id}`, 'http://localhost'));
    return download(req, { params: Promise.resolve({ attachmentId: id }) });
  }

  it('downloads through the gated route, under its own name and sniffed type', async () => {
    const id = await attach();
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Befund%20M%C3%A4rz.pdf",
    );
  });

  it('is the same 404 as a missing file to another clinic', async () => {
    const id = await attach();
    await signInMember(await makeMember(b.id, 'clinic_admin'));
    const res = await get(id);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'File not found' });
  });

  it('is not listed for another patient or another clinic', async () => {
    await attach();
    expect(await listPatientDocuments({ db: tenantDb(a.id) }, a.patientIds[1]!)).toEqual([]);
    expect(await listPatientDocuments({ db: tenantDb(b.id) }, patientId)).toEqual([]);
  });
});
