import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT, checkActionRequest } from './action-request';

const ACTION_ID = '7fa5fa6c0f0d2899ce88e323c72b2ff038068fe707';

const post = (body: string, headers: Record<string, string> = {}, path = '/login') =>
  new NextRequest(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'next-action': ACTION_ID, 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body,
  });

describe('checkActionRequest: only what our own action clients send reaches Next', () => {
  it('passes the bodies React encodes for plain values', async () => {
    for (const body of [
      '[]',
      '["$undefined"]',
      '[{"pageStamp":{"clinicId":"c","userId":"u"}},{"name":"$$dollar","n":1,"ok":true,"x":null}]',
      '["$D2026-12-05T10:00:00.000Z","$n123","$NaN","$-0","$Infinity","$-Infinity"]',
    ]) {
      expect(await checkActionRequest(post(body)), body).toEqual({ ok: true });
    }
  });

  it.each([
    ['a truncated array', '['],
    ['a truncated object', '{"a":'],
    ['not an array', '{"a":1}'],
    ['a bare marker', '$K1'],
    ['a reference to a part never sent', '["$Q1"]'],
    ['a promise reference', '["$@1"]'],
    ['a nested temporary reference', '[{"a":[{"b":"$T"}]}]'],
    ['a bigint that is not one', '["$nabc"]'],
    ['a bigint with more after its digits', '["$n12x"]'],
    ['a reference that ends like a plain value', '["$h1$NaN"]'],
    ['a server reference', '["$h1"]'],
    ['an empty body', ''],
  ])('refuses %s with a 400', async (_name, body) => {
    expect(await checkActionRequest(post(body))).toEqual({
      ok: false,
      status: 400,
      error: 'Malformed server action body',
    });
  });

  it('refuses a multipart body (a no-JavaScript form action), with or without the header', async () => {
    const form = new FormData();
    form.set('$ACTION_ID_zz', '');
    const withHeader = new NextRequest('http://localhost/login', {
      method: 'POST',
      headers: { 'next-action': ACTION_ID },
      body: form,
    });
    expect(withHeader.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(await checkActionRequest(withHeader)).toEqual({
      ok: false,
      status: 400,
      error: 'Server actions here take a JSON body, not a form upload',
    });
    const bare = new NextRequest('http://localhost/patients/new', { method: 'POST', body: form });
    expect(await checkActionRequest(bare)).toMatchObject({ status: 400 });
  });

  it('refuses a body over 1 MB with a 413, by its declared length or by what arrives', async () => {
    const tooLarge = { ok: false, status: 413, error: 'Server action body too large' };
    const big = `["${'a'.repeat(ACTION_BODY_LIMIT)}"]`;
    expect(await checkActionRequest(post(big))).toEqual(tooLarge);
    const declared = post('[]', { 'content-length': String(ACTION_BODY_LIMIT + 1) });
    expect(await checkActionRequest(declared)).toEqual(tooLarge);
  });

  it('passes a body of exactly 1 MB, declared and sent', async () => {
    const exact = `["${'a'.repeat(ACTION_BODY_LIMIT - 4)}"]`;
    expect(Buffer.byteLength(exact)).toBe(ACTION_BODY_LIMIT);
    const req = post(exact, { 'content-length': String(ACTION_BODY_LIMIT) });
    expect(await checkActionRequest(req)).toEqual({ ok: true });
  });

  it('reads a body sent without a content type like any other', async () => {
    for (const [body, verdict] of [
      ['["plain"]', { ok: true }],
      ['["$Q1"]', { ok: false, status: 400, error: 'Malformed server action body' }],
    ] as const) {
      const req = post(body);
      req.headers.delete('content-type');
      expect(req.headers.has('content-type')).toBe(false);
      expect(await checkActionRequest(req)).toEqual(verdict);
    }
  });

  it('survives a huge flat array without overflowing the stack', async () => {
    const wide = JSON.stringify(Array.from({ length: 300_000 }, () => 0));
    expect(await checkActionRequest(post(wide))).toEqual({ ok: true });
  });

  it('leaves route handlers, reads and plain page POSTs alone', async () => {
    expect(await checkActionRequest(post('[', {}, '/api/patients/search'))).toEqual({ ok: true });
    expect(await checkActionRequest(post('[', {}, '/file/download/x'))).toEqual({ ok: true });
    const get = new NextRequest('http://localhost/login', {
      headers: { 'next-action': ACTION_ID },
    });
    expect(await checkActionRequest(get)).toEqual({ ok: true });
    const plain = new NextRequest('http://localhost/login', { method: 'POST', body: 'a=b' });
    expect(await checkActionRequest(plain)).toEqual({ ok: true });
  });

  it('passes any JSON of plain values whose dollar strings React escaped', async () => {
    const plain = fc
      .jsonValue()
      .map((v) =>
        JSON.stringify([v], (_k, x: unknown) =>
          typeof x === 'string' && x.startsWith('$') ? `$${x}` : x,
        ),
      );
    await fc.assert(
      fc.asyncProperty(plain, async (body) => {
        expect(await checkActionRequest(post(body))).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
  });
});
