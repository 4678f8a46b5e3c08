/**
 * "26–50 of 1,000+ patients": where a keyset page sits in its list. Past the count cap the
 * total is a lower bound, as on GitHub and Linear; the list stays pageable past it.
 */
export function rangeText({
  page,
  size,
  shown,
  total,
  capped,
  noun: [one, many],
}: {
  page: number;
  size: number;
  shown: number;
  total: number;
  capped: boolean;
  noun: [singular: string, plural: string];
}): string {
  if (shown === 0) return `No ${many}`;
  const first = (page - 1) * size + 1;
  const last = first + shown - 1;
  // The page number comes from the URL: a total below what is shown is at least what is shown.
  const atLeast = capped || last > total;
  const of = Math.max(total, last);
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(first)}–${n(last)} of ${n(of)}${atLeast ? '+' : ''} ${of === 1 && !atLeast ? one : many}`;
}
