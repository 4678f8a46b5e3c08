/**
 * Server actions are POST endpoints whose wire format belongs to Next and React: Next decodes the
 * body before any of our code runs, and answers anything it cannot decode with a 500 (a truncated
 * array, a reference to a part that was never sent, `$K1`, a body over its 1 MB limit, a page POST
 * carrying a made-up `$ACTION_ID_` field). Middleware refuses those here with a 400 or 413, before
 * Next sees them.
 *
 * The rule is what our own clients send, nothing wider: every form calls its action through
 * next-safe-action with plain values (strings, numbers, booleans, null, arrays and objects), which
 * React encodes as one JSON array in a text body. No form posts without JavaScript (no
 * `<form action={serverAction}>`), and no action takes a File, a Map or a promise, which would need
 * a multipart body. This is not a second decoder: it only keeps React's references out.
 */

/** Next's default `serverActions.bodySizeLimit` (next.config.mjs does not raise it). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * React's reply encoding marks special values with a leading `$`. These stand alone; every other
 * marker points at another part of a multipart body (`$1`, `$Q`, `$K`, `$@`, `$T`, `$F`, `$h`,
 * `$B`…), which our clients never send and which makes React's decoder throw or wait forever.
 */
const SELF_CONTAINED = /^\$(?:\$.*|undefined|NaN|Infinity|-Infinity|-0|D.*|n-?\d{1,400})$/s;

export type ActionRequestVerdict = { ok: true } | { ok: false; status: 400 | 413; error: string };

const refuse = (status: 400 | 413, error: string): ActionRequestVerdict => ({
  ok: false,
  status,
  error,
});

interface ActionRequest {
  method: string;
  headers: Headers;
  nextUrl: { pathname: string };
  text(): Promise<string>;
}

/** A POST to a page (route handlers live under /api and /file): Next takes it as an action. */
function isPagePost(req: ActionRequest): boolean {
  const path = req.nextUrl.pathname;
  return req.method === 'POST' && !path.startsWith('/api/') && !path.startsWith('/file/');
}

export async function checkActionRequest(req: ActionRequest): Promise<ActionRequestVerdict> {
  if (!isPagePost(req)) return { ok: true };
  // A multipart POST is a no-JavaScript form action (with or without a Next-Action header).
  if (req.headers.get('content-type')?.toLowerCase().startsWith('multipart/')) {
    return refuse(400, 'Server actions here take a JSON body, not a form upload');
  }
  // Without the header Next renders the page as for a GET; an unknown id gets its 404.
  if (!req.headers.has('next-action')) return { ok: true };
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > ACTION_BODY_LIMIT) return refuse(413, 'Server action body too large');
  const body = await req.text();
  if (Buffer.byteLength(body) > ACTION_BODY_LIMIT) {
    return refuse(413, 'Server action body too large');
  }
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    // Not JSON: left undefined, so it is refused below as not an array.
  }
  if (!Array.isArray(args) || !onlySelfContained(args)) {
    return refuse(400, 'Malformed server action body');
  }
  return { ok: true };
}

/** True when no string in the value is a reference marker (iterative: depth costs no stack). */
function onlySelfContained(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.startsWith('$') && !SELF_CONTAINED.test(value)) return false;
    } else if (value instanceof Object) {
      // An array or an object (JSON.parse builds them in this realm); null and numbers are not.
      // One by one: spreading a 500,000-element array into push() overflows the call stack.
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return true;
}
