/**
 * Requests as route handlers get them, for fuzzing: query strings (derived from a route's zod
 * schema, plus hostile values, unknown and repeated keys, raw percent-encoding junk) and page-stamp
 * headers. What a real HTTP client cannot send is left out: header values are bytes without NUL or
 * line breaks, and URL decoding turns lone surrogates into U+FFFD before a route sees them.
 */
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import type { z } from 'zod';
import { pageStampHeaders } from '@/lib/auth/page-stamp';
import { shapedBy } from './action-entries';
import { fuzzInput, hostileString } from './hostile';
import type { FuzzWorld } from './world';

export type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** What a route gets: a query string, path params, headers and a body. */
export interface RouteInput {
  query: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit;
}

/** As URL decoding delivers text: lone surrogates become U+FFFD. */
export const wellFormed = (s: string) => s.toWellFormed();
/** As an HTTP header can carry it: bytes, no NUL, CR or LF (a client cannot send those). */
export const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').trim();

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

/** A value as a client would put it in a URL: text as is, anything else written out. */
const asText = (v: unknown) => (typeof v === 'object' && v !== null ? fc.stringify(v) : String(v));

/** `key=value&…` from a derived-or-hostile input (a whole hostile input becomes `q`). */
export function toQuery(input: unknown): string {
  const pairs: [string, unknown][] =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? Object.entries(input)
      : [['q', input]];
  return pairs
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(asText(v)))}`,
    )
    .join('&');
}

/** Query strings for a route whose parameters `schema` describes. */
export function queries(w: FuzzWorld, schema?: z.ZodType): fc.Arbitrary<string> {
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

export function request(path: string, method: string, input: RouteInput): NextRequest {
  const url = new URL(`${path}${input.query ? `?${input.query}` : ''}`, 'http://localhost');
  return new NextRequest(url, { method, headers: input.headers, body: input.body });
}

/** Page-stamp headers: the caller's page mostly, else another's, a mangled one or none. */
export function stampHeaders(w: FuzzWorld): fc.Arbitrary<Record<string, string>> {
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

/** A value one time in five, else null. */
export const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, arb);

/** Inputs of a route that takes only a query string. */
export const queryOnly = (schema?: z.ZodType) => (w: FuzzWorld) =>
  queries(w, schema).map((query): RouteInput => ({ query }));
