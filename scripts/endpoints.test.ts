import { describe, expect, it } from 'vitest';
import { EXCLUDED_ROUTES, findEndpoints } from './endpoints';

const route = (path: string, text: string) => ({ path, text });

describe('findEndpoints', () => {
  it('sees each method a route exports by destructuring', () => {
    const found = findEndpoints(
      [route('app/api/jobs/route.ts', 'export const { GET, POST: post, ...rest } = serve();')],
      [],
    );
    expect(found.map((e) => e.id)).toEqual(['app/api/jobs/route.ts#GET']);
    const nested = findEndpoints(
      [route('app/api/x/route.ts', 'export const { a: { PUT }, DELETE } = make();')],
      [],
    );
    expect(nested.map((e) => e.id).sort()).toEqual([
      'app/api/x/route.ts#DELETE',
      'app/api/x/route.ts#PUT',
    ]);
  });

  it('leaves the excluded routes out unless told to see them', () => {
    const files = [route(EXCLUDED_ROUTES[0]!, 'export const GET = handler;')];
    expect(findEndpoints(files)).toEqual([]);
    expect(findEndpoints(files, []).map((e) => e.id)).toEqual([`${EXCLUDED_ROUTES[0]}#GET`]);
  });
});
