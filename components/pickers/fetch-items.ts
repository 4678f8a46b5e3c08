/** GETs a picker route and returns its `items`; a non-2xx answer is an error (the picker says so). */
export async function fetchItems<T>(url: string, signal: AbortSignal): Promise<T[]> {
  const res = await fetch(url, {
    signal,
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`search failed (${res.status})`);
  const body = (await res.json()) as { items?: T[] };
  return Array.isArray(body.items) ? body.items : [];
}
