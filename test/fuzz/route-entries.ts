/**
 * Fuzz entries for the tenant plane's route handlers: the searches and the exports list (query
 * strings), the file download (path param) and the document upload (path param, page-stamp
 * headers and a multipart body, mangled on the way).
 */
import fc from 'fast-check';
import { GET as freeSlotsGET } from '@/app/api/appointments/free-slots/route';
import { GET as exportsGET } from '@/app/api/exports/route';
import { POST as documentsPOST } from '@/app/api/patients/[patientId]/documents/route';
import { GET as patientSearchGET } from '@/app/api/patients/search/route';
import { GET as staffSearchGET } from '@/app/api/staff/search/route';
import { GET as downloadGET } from '@/app/file/download/[attachmentId]/route';
import { GET as patientSummaryGET } from '@/app/file/patient-summary/[patientId]/route';
import { freeSlotsQuerySchema } from '@/lib/data/schedule';
import { staffSearchQuerySchema } from '@/lib/data/staff';
import { patientSearchQuerySchema } from '@/lib/patients/search-query';
import { encodeMultipart } from '../multipart';
import { hostileString } from './hostile';
import {
  headerSafe,
  queries,
  queryOnly,
  request,
  sometimes,
  stampHeaders,
  wellFormed,
  type Handler,
  type RouteInput,
} from './requests';
import { responseOutcome, type FuzzEntry } from './runner';
import { clinicAAdmin, type FuzzWorld } from './world';

/** A read of the tenant plane: changes nothing, answers with nothing of another clinic. */
function clinicRead(
  id: string,
  handler: Handler,
  path: (params: Record<string, string>) => string,
  inputs: (w: FuzzWorld) => fc.Arbitrary<RouteInput>,
): FuzzEntry {
  return {
    id,
    fn: handler,
    caller: clinicAAdmin,
    inputs,
    call: async (_w, input) => {
      const i = input as RouteInput;
      const res = await handler(request(path(i.params ?? {}), 'GET', i), {
        params: Promise.resolve(i.params ?? {}),
      });
      return responseOutcome(res);
    },
    mayChange: () => false,
    secret: (w) => w.foreignIds,
  };
}

const MAGIC = {
  pdf: '%PDF-1.4\n',
  png: '\x89PNG\r\n\x1a\n',
  jpeg: '\xff\xd8\xff\xe0',
  html: '<!doctype html><script>alert(1)</script>',
  exe: 'MZ\x90\x00',
};

/** A multipart upload as a browser sends it, or mangled on the way (encoded by the call). */
function uploads(w: FuzzWorld) {
  const startingWith = (magic: string[]) =>
    fc
      .tuple(fc.constantFrom(...magic), fc.uint8Array({ maxLength: 512 }))
      .map(([m, rest]) => Buffer.concat([Buffer.from(m, 'latin1'), rest]));
  const bytes = fc.oneof(
    { weight: 4, arbitrary: startingWith([MAGIC.pdf, MAGIC.png, MAGIC.jpeg]) },
    { weight: 1, arbitrary: startingWith([MAGIC.html, MAGIC.exe]) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(100 * 1024)) },
  );
  const text = hostileString.map(wellFormed);
  const lies = fc.constantFrom(
    'application/json',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
  );
  return fc.record({
    patientId: fc.oneof({ weight: 3, arbitrary: w.idFor('patientId') }, text),
    stamp: stampHeaders(w),
    field: fc.oneof({ weight: 5, arbitrary: fc.constant('file') }, text),
    bytes,
    filename: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('referral.pdf', 'scan.png', 'photo.jpg', 'run.exe') },
      text,
    ),
    asText: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
    // A lie about the body's type or length instead of what the encoder computed, or none.
    contentType: sometimes(fc.oneof(lies, hostileString.map(headerSafe))),
    contentLength: sometimes(fc.constantFrom('', '-1', 'abc', '0', '1', '99999999999', '1e3')),
    query: queries(w),
  });
}

type Upload = ReturnType<typeof uploads> extends fc.Arbitrary<infer U> ? U : never;

async function encodeUpload(u: Upload): Promise<RouteInput> {
  const form = new FormData();
  if (u.asText) form.set(u.field, u.filename);
  else form.set(u.field, new File([u.bytes], u.filename));
  const { body, headers } = await encodeMultipart(form);
  return {
    query: u.query,
    params: { patientId: u.patientId },
    body,
    headers: {
      ...u.stamp,
      ...headers,
      ...(u.contentType === null ? {} : { 'content-type': u.contentType }),
      ...(u.contentLength === null ? {} : { 'content-length': u.contentLength }),
    },
  };
}

const documentsEntry: FuzzEntry = {
  id: 'app/api/patients/[patientId]/documents/route.ts#POST',
  fn: documentsPOST,
  caller: clinicAAdmin,
  inputs: uploads,
  call: async (_w, input) => {
    const i = await encodeUpload(input as Upload);
    const path = `/api/patients/${encodeURIComponent(i.params!.patientId!)}/documents`;
    const res = await (documentsPOST as Handler)(request(path, 'POST', i), {
      params: Promise.resolve(i.params!),
    });
    return responseOutcome(res);
  },
  mayChange: (w, _input, key) => key.startsWith(`${w.a.id}:`),
  secret: (w) => w.foreignIds,
};

const byPath = (path: string) => () => path;

export const ROUTE_ENTRIES: FuzzEntry[] = [
  clinicRead(
    'app/api/patients/search/route.ts#GET',
    patientSearchGET as Handler,
    byPath('/api/patients/search'),
    queryOnly(patientSearchQuerySchema),
  ),
  clinicRead(
    'app/api/staff/search/route.ts#GET',
    staffSearchGET as Handler,
    byPath('/api/staff/search'),
    queryOnly(staffSearchQuerySchema),
  ),
  clinicRead(
    'app/api/appointments/free-slots/route.ts#GET',
    freeSlotsGET as Handler,
    byPath('/api/appointments/free-slots'),
    queryOnly(freeSlotsQuerySchema),
  ),
  clinicRead(
    'app/api/exports/route.ts#GET',
    exportsGET as Handler,
    byPath('/api/exports'),
    queryOnly(),
  ),
  clinicRead(
    'app/file/download/[attachmentId]/route.ts#GET',
    downloadGET as Handler,
    (p) => `/file/download/${encodeURIComponent(p.attachmentId ?? '')}`,
    (w) =>
      fc.record({
        query: queries(w),
        params: fc.record({
          attachmentId: fc
            .oneof({ weight: 3, arbitrary: w.idFor('attachmentId') }, hostileString)
            .map(wellFormed),
        }),
      }),
  ),
  clinicRead(
    'app/file/patient-summary/[patientId]/route.ts#GET',
    patientSummaryGET as Handler,
    (p) => `/file/patient-summary/${encodeURIComponent(p.patientId ?? '')}`,
    (w) =>
      fc.record({
        query: queries(w),
        params: fc.record({
          patientId: fc
            .oneof({ weight: 3, arbitrary: w.idFor('patientId') }, hostileString)
            .map(wellFormed),
        }),
      }),
  ),
  documentsEntry,
];
