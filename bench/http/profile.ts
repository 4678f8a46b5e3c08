/**
 * One request, profiled from outside (issue 12 §4): the statements it sends, how many times it
 * waits on the database, the time with a query outstanding, and the rest (session checks, React
 * rendering, Next). The server runs with bench/http/trace-pg.cjs preloaded.
 */
import fs from 'node:fs';

interface Traced {
  start: number;
  end: number;
  text: string;
}

export interface RequestProfile {
  requestMs: number;
  /** Statements sent, in the order they were written. */
  statements: string[];
  /** Stretches of time with at least one query outstanding: the request's sequential waits. */
  waits: number;
  /** Length of those stretches together. */
  dbMs: number;
}

function profileOf(requestMs: number, traced: Traced[]): RequestProfile {
  const sorted = [...traced].sort((a, b) => a.start - b.start);
  let waits = 0;
  let dbMs = 0;
  let busyUntil = -Infinity;
  for (const t of sorted) {
    if (t.start > busyUntil) {
      waits++;
      dbMs += t.end - t.start;
    } else if (t.end > busyUntil) {
      dbMs += t.end - busyUntil;
    }
    busyUntil = Math.max(busyUntil, t.end);
  }
  return { requestMs, statements: sorted.map((t) => t.text), waits, dbMs };
}

/** `samples` requests one at a time; the profile of the one with the median time. */
export async function profileRequest(
  url: string,
  cookie: string,
  traceFile: string,
  samples = 5,
): Promise<RequestProfile> {
  const profiles: RequestProfile[] = [];
  for (let i = 0; i < samples; i++) {
    fs.writeFileSync(traceFile, '');
    const start = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.text();
    const requestMs = performance.now() - start;
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    // A read commits behind its result (db/tenant-pg.ts): let those land in the trace too.
    await new Promise((r) => setTimeout(r, 300));
    const lines = fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
    fs.rmSync(traceFile);
    profiles.push(
      profileOf(
        requestMs,
        lines.map((l) => JSON.parse(l) as Traced),
      ),
    );
  }
  profiles.sort((a, b) => a.requestMs - b.requestMs);
  return profiles[Math.floor(profiles.length / 2)]!;
}

/** The profile as one report paragraph: the figures, then the statements in order. */
export function describeProfile(label: string, p: RequestProfile): string {
  const counts = new Map<string, number>();
  for (const s of p.statements) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [
    `**${label}**: ${p.requestMs.toFixed(1)} ms for the whole request, seen from the client; ` +
      `${p.statements.length} statements in ${p.waits} sequential waits on the database, ` +
      `${p.dbMs.toFixed(1)} ms with a query outstanding; the other ` +
      `${(p.requestMs - p.dbMs).toFixed(1)} ms are outside the database (the session cookie, ` +
      'React rendering, Next and the network). Statements, in order (first 160 characters):',
    '',
    '| # | statement | times |',
    '|---:|---|---:|',
    ...[...counts].map(([s, n], i) => `| ${i + 1} | \`${s.replaceAll('|', '\\|')}\` | ${n} |`),
  ].join('\n');
}
