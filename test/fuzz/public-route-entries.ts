/**
 * Fuzz entries for the routes outside the tenant plane: next-auth's (its actions and nonsense
 * ones, malformed callback URLs in the query, the form and the cookies), the health probe and
 * Inngest's endpoint (bodies and signatures from nowhere). They have no zod schema of ours: their
 * inputs are built here. Anyone may call them, and they change no checked row.
 */
import fc from 'fast-check';
import { GET as authGET, POST as authPOST } from '@/app/api/auth/[...nextauth]/route';
import { GET as healthGET } from '@/app/api/health/route';
import { GET as inngestGET, POST as inngestPOST, PUT as inngestPUT } from '@/app/api/inngest/route';
import { CALLBACK_URLS } from './hints';
import { hostileString } from './hostile';
import {
  headerSafe,
  queries,
  queryOnly,
  request,
  toQuery,
  wellFormed,
  type Handler,
  type RouteInput,
} from './requests';
import { responseOutcome, type FuzzEntry } from './runner';
import type { FuzzWorld } from './world';

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

export const PUBLIC_ROUTE_ENTRIES: FuzzEntry[] = [
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
