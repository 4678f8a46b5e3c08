/**
 * Fuzz entries for every route handler: query strings (derived from the route's zod schema where
 * it has one, plus hostile values, unknown and repeated keys and raw percent-encoding junk), path
 * params, page-stamp headers and multipart bodies; next-auth's routes with malformed callback URLs
 * and cookies. What a real HTTP client cannot send is left out: header values are bytes without
 * NUL or line breaks, and URL decoding turns lone surrogates into U+FFFD before a route sees them.
 */
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import type { z } from 'zod';
import { GET as authGET, POST as authPOST } from '@/app/api/auth/[...nextauth]/route';
import { GET as exportsGET } from '@/app/api/exports/route';
import { GET as healthGET } from '@/app/api/health/route';
import { GET as inngestGET, POST as inngestPOST, PUT as inngestPUT } from '@/app/api/inngest/route';
import { POST as documentsPOST } from '@/app/api/patients/[patientId]/documents/route';
import { GET as patientSearchGET } from '@/app/api/patients/search/route';
import { GET as staffSearchGET } from '@/app/api/staff/search/route';
import { GET as downloadGET } from '@/app/file/download/[attachmentId]/route';
import { pageStampHeaders } from '@/lib/auth/page-stamp';
import { staffSearchQuerySchema } from '@/lib/data/staff';
import { patientSearchQuerySchema } from '@/lib/patients/search-query';
import type { Caller } from '../isolation-harness';
import { encodeMultipart } from '../multipart';
import { shapedBy } from './action-entries';
import { CALLBACK_URLS } from './hints';
import { fuzzInput, hostileString } from './hostile';
import { responseOutcome, type FuzzEntry } from './runner';
import type { FuzzWorld } from './world';

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** What a route gets: a query string, path params, headers and a body. */
interface RouteInput {
  query: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit;
}

/** As URL decoding delivers text: lone surrogates become U+FFFD. */
const wellFormed = (s: string) => s.toWellFormed();
/** As an HTTP header can carry it: bytes, no NUL, CR or LF (a client cannot send those). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').trim();

const RAW_QUERY_JUNK = [
  'q=%',
  'q=%zz',
  'q=%00',
  'q=a%00',
  'q=%c0%af',
  'q=%ed%a0%80',
  'q=%E2%80%AE',
  'limit=%00',
  'limit=1e309',
  'limit=-0',
  'limit=0x10',
  'limit=99999999999999999999',
  'role=__proto__',
  '__proto__[x]=1',
  'q[]=a',
  'q&q&q',
  '=&&=',
  'callbackUrl=http%3A%2F%2F%5B',
  `q=${'a'.repeat(100 * 1024)}`,
];

/** `key=value&…` from a derived-or-hostile input (a whole hostile input becomes `q`). */
function toQuery(input: unknown): string {
  const pairs: [string, unknown][] =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? Object.entries(input)
      : [['q', input]];
  return pairs
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(String(v)))}`,
    )
    .join('&');
}

/** Query strings for a route whose parameters `schema` describes. */
function queries(w: FuzzWorld, schema?: z.ZodType): fc.Arbitrary<string> {
  const shaped = schema ? shapedBy(schema, w) : fc.constant({});
  const structured = fuzzInput(shaped, w.ids).map(toQuery);
  return fc.oneof(
    { weight: 4, arbitrary: structured },
    {
      weight: 1,
      arbitrary: fc
        .tuple(structured, fc.constantFrom(...RAW_QUERY_JUNK))
        .map(([q, junk]) => (q ? `${q}&${junk}` : junk)),
    },
  );
}

function request(path: string, method: string, input: RouteInput): NextRequest {
  const url = new URL(`${path}${input.query ? `?${input.query}` : ''}`, 'http://localhost');
  return new NextRequest(url, { method, headers: input.headers, body: input.body });
}

const clinicAAdmin = (w: FuzzWorld): Caller => ({
  label: 'clinic A admin',
  user: w.a.users.clinic_admin,
  clinicId: w.a.id,
});

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

const queryOnly = (schema?: z.ZodType) => (w: FuzzWorld) =>
  queries(w, schema).map((query): RouteInput => ({ query }));

/** Page-stamp headers: the caller's page mostly, else another's, a mangled one or none. */
function stampHeaders(w: FuzzWorld): fc.Arbitrary<Record<string, string>> {
  const own = pageStampHeaders({ clinicId: w.a.id, userId: w.a.users.clinic_admin.id });
  const value = fc.oneof(w.idFor('clinicId'), w.idFor('userId'), hostileString).map(headerSafe);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(own)), value)
        .map(([name, v]) => ({ ...own, [name]: v })),
    },
  );
}

const MAGIC = {
  pdf: '%PDF-1.4\n',
  png: '\x89PNG\r\n\x1a\n',
  jpeg: '\xff\xd8\xff\xe0',
  html: '<!doctype html><script>alert(1)</script>',
  exe: 'MZ\x90\x00',
};

/** A value one time in five, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, arb);

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

/** A route outside the tenant plane: anyone may call it, and it changes no checked row. */
function publicRoute(
  id: string,
  handler: Handler,
  method: string,
  path: (input: RouteInput) => string,
  inputs: (w: FuzzWorld) => fc.Arbitrary<RouteInput>,
): FuzzEntry {
  return {
    id,
    fn: handler,
    caller: () => null,
    inputs,
    call: async (_w, input) => {
      const i = input as RouteInput;
      const res = await handler(request(path(i), method, i), { params: Promise.resolve({}) });
      return responseOutcome(res);
    },
    mayChange: () => false,
    secret: () => [],
  };
}

/** next-auth's routes: its actions (and nonsense ones), callback URLs and cookies gone wrong. */
function authInputs(method: 'GET' | 'POST') {
  return (w: FuzzWorld): fc.Arbitrary<RouteInput> => {
    const text = hostileString.map(wellFormed);
    const callbackUrl = fc.oneof(fc.constantFrom(...CALLBACK_URLS), text);
    const cookie = fc.dictionary(
      fc.constantFrom(
        'authjs.callback-url',
        '__Secure-authjs.callback-url',
        'authjs.csrf-token',
        'authjs.session-token',
        'authjs.pkce.code_verifier',
      ),
      fc.oneof(callbackUrl, text).map(headerSafe),
      { maxKeys: 3 },
    );
    const form = fc.record(
      {
        email: fc.oneof(fc.constantFrom(...w.emails), text),
        password: text,
        csrfToken: text,
        callbackUrl,
      },
      { requiredKeys: [] },
    );
    return fc
      .record({
        action: fc.oneof(
          {
            weight: 4,
            arbitrary: fc.constantFrom(
              'signin',
              'signout',
              'providers',
              'session',
              'csrf',
              'callback/credentials',
              'error',
              'verify-request',
              'signin/credentials',
            ),
          },
          text.map(encodeURIComponent),
        ),
        callbackUrl: fc.option(callbackUrl, { nil: undefined }),
        query: queries(w),
        cookie,
        form,
      })
      .map((a): RouteInput => ({
        query: [a.query, a.callbackUrl === undefined ? '' : toQuery({ callbackUrl: a.callbackUrl })]
          .filter(Boolean)
          .join('&'),
        params: { action: a.action },
        headers: {
          cookie: Object.entries(a.cookie)
            .map(([k, v]) => `${k}=${v}`)
            .join('; '),
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: method === 'POST' ? toQuery(a.form) : undefined,
      }));
  };
}

/** Inngest's endpoint: bodies and signatures from nowhere. */
function inngestInputs(method: 'GET' | 'POST' | 'PUT') {
  return (w: FuzzWorld): fc.Arbitrary<RouteInput> =>
    fc
      .record({
        query: fc.oneof(
          queries(w),
          fc.constantFrom('fnId=x&stepId=step', 'probe=trust', 'deployId=%00'),
        ),
        signature: fc.option(hostileString.map(headerSafe), { nil: undefined }),
        body: fc.oneof(
          hostileString,
          fc.json(),
          fc.constant('{"event":{"name":"clinic/retention.requested","data":{}}}'),
        ),
      })
      .map((i): RouteInput => ({
        query: i.query,
        headers: {
          'content-type': 'application/json',
          ...(i.signature === undefined ? {} : { 'x-inngest-signature': i.signature }),
        },
        body: method === 'GET' ? undefined : wellFormed(i.body),
      }));
}

const byPath = (path: string) => () => path;
const authPath = (i: RouteInput) => `/api/auth/${i.params?.action ?? ''}`;
const NEXTAUTH = 'app/api/auth/[...nextauth]/route.ts';
const INNGEST = 'app/api/inngest/route.ts';

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
  documentsEntry,
  publicRoute(`${NEXTAUTH}#GET`, authGET as Handler, 'GET', authPath, authInputs('GET')),
  publicRoute(`${NEXTAUTH}#POST`, authPOST as Handler, 'POST', authPath, authInputs('POST')),
  publicRoute(
    'app/api/health/route.ts#GET',
    healthGET as Handler,
    'GET',
    byPath('/api/health'),
    queryOnly(),
  ),
  publicRoute(
    `${INNGEST}#GET`,
    inngestGET as Handler,
    'GET',
    byPath('/api/inngest'),
    inngestInputs('GET'),
  ),
  publicRoute(
    `${INNGEST}#POST`,
    inngestPOST as Handler,
    'POST',
    byPath('/api/inngest'),
    inngestInputs('POST'),
  ),
  publicRoute(
    `${INNGEST}#PUT`,
    inngestPUT as Handler,
    'PUT',
    byPath('/api/inngest'),
    inngestInputs('PUT'),
  ),
];
