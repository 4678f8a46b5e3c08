/**
 * `npm run db:check`: fails when the Drizzle schema (db/schema/) and the committed migrations
 * (db/migrations/) disagree, i.e. someone changed a schema file without `npm run db:generate`.
 *
 * 1. The journal and the folder agree: every .sql file (custom ones included) has a journal entry
 *    and a snapshot, entries are numbered 0..n-1 in order, and every entry has its file.
 * 2. `drizzle-kit generate` run against a temporary copy of the migrations folder produces
 *    nothing. The committed folder is never touched.
 *
 * Usage: tsx scripts/check-migrations.ts [--root <project dir>]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

interface DrizzleConfig {
  schema: string | string[];
  out?: string;
  [key: string]: unknown;
}

/** Problems with the journal, the .sql files and the snapshots; empty when they agree. */
export function journalProblems(migrationsDir: string): string[] {
  const problems: string[] = [];
  const journalPath = path.join(migrationsDir, 'meta', '_journal.json');
  if (!fs.existsSync(journalPath)) return [`${journalPath} is missing`];
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as Journal;
  const tags = journal.entries.map((e) => e.tag);
  const sqlFiles = fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -'.sql'.length))
    .sort();

  for (const file of sqlFiles)
    if (!tags.includes(file))
      problems.push(
        `${file}.sql is not in meta/_journal.json, so the migrator would never run it ` +
          `(create custom migrations with "npx drizzle-kit generate --custom --name <name>")`,
      );
  journal.entries.forEach((entry, i) => {
    if (!sqlFiles.includes(entry.tag)) problems.push(`journal entry ${entry.tag} has no .sql file`);
    if (entry.idx !== i)
      problems.push(`journal entry ${entry.tag} has idx ${entry.idx}, expected ${i}`);
    const prefix = entry.tag.split('_')[0] ?? '';
    if (Number(prefix) !== i)
      problems.push(`journal entry ${entry.tag} is number ${prefix} but sits at position ${i}`);
    const snapshot = path.join(migrationsDir, 'meta', `${prefix}_snapshot.json`);
    if (!fs.existsSync(snapshot))
      problems.push(`journal entry ${entry.tag} has no meta/${prefix}_snapshot.json`);
    const previous = journal.entries[i - 1];
    if (previous && entry.when <= previous.when)
      problems.push(`journal entry ${entry.tag} is not newer than ${previous.tag}`);
  });
  return problems;
}

function listFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) visit(abs);
      else out.set(path.relative(dir, abs), fs.readFileSync(abs, 'utf8'));
    }
  };
  visit(dir);
  return out;
}

export interface GenerateResult {
  /** Files drizzle-kit added, changed or removed in the copy, with their contents. */
  changed: Map<string, string>;
  output: string;
  failed: boolean;
}

/** Runs `drizzle-kit generate` against a throwaway copy of the migrations folder. */
export async function generateIntoCopy(root: string): Promise<GenerateResult> {
  const configModule = (await import(pathToFileURL(path.join(root, 'drizzle.config.ts')).href)) as {
    default: DrizzleConfig;
  };
  const config = configModule.default;
  const migrationsDir = path.resolve(root, config.out ?? 'drizzle');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-db-check-'));
  try {
    const copy = path.join(tmp, 'migrations');
    fs.cpSync(migrationsDir, copy, { recursive: true });
    const before = listFiles(copy);
    const schema = Array.isArray(config.schema)
      ? config.schema.map((s) => path.resolve(root, s))
      : path.resolve(root, config.schema);
    const tmpConfig = path.join(tmp, 'drizzle.config.json');
    // drizzle-kit reads `out` relative to the working directory (it prefixes "./").
    const out = path.relative(root, copy);
    fs.writeFileSync(tmpConfig, JSON.stringify({ ...config, schema, out }, null, 2));

    const bin = path.join(root, 'node_modules', '.bin', 'drizzle-kit');
    // stdin closed: a schema change that needs an interactive answer (rename or drop?) must fail
    // here, not hang CI.
    const run = spawnSync(bin, ['generate', '--config', tmpConfig], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
    const after = listFiles(copy);
    const changed = new Map<string, string>();
    for (const [file, text] of after) if (before.get(file) !== text) changed.set(file, text);
    for (const file of before.keys()) if (!after.has(file)) changed.set(file, '(deleted)');
    // drizzle-kit can print an error and still exit 0, so success needs its explicit all-clear
    // (or, when the schema changed, the files it wrote).
    const allClear = /No schema changes/i.test(output);
    const failed = run.status !== 0 || Boolean(run.error) || (changed.size === 0 && !allClear);
    return { changed, output, failed };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rootFlag = process.argv.indexOf('--root');
  const root = path.resolve(rootFlag > 0 ? (process.argv[rootFlag + 1] ?? '.') : '.');
  const started = performance.now();
  const migrationsDir = path.join(root, 'db', 'migrations');

  const problems = journalProblems(migrationsDir);
  if (problems.length > 0) {
    console.error(
      `db:check: the migrations folder is inconsistent:\n  - ${problems.join('\n  - ')}`,
    );
    process.exitCode = 1;
    return;
  }

  const result = await generateIntoCopy(root);
  if (result.failed) {
    console.error(
      'db:check: drizzle-kit generate failed (or wanted an interactive answer, which means the ' +
        'schema changed). Run "npm run db:generate" and commit the result.\n\n' +
        result.output,
    );
    process.exitCode = 1;
    return;
  }
  if (result.changed.size > 0) {
    const sql = [...result.changed]
      .filter(([file]) => file.endsWith('.sql'))
      .map(([file, text]) => `--- ${file}\n${text.trim()}`)
      .join('\n\n');
    console.error(
      'db:check: the Drizzle schema differs from the committed migrations. ' +
        'Run "npm run db:generate", review the new migration and commit it.\n' +
        `drizzle-kit would change: ${[...result.changed.keys()].join(', ')}\n\n${sql}`,
    );
    process.exitCode = 1;
    return;
  }
  const ms = Math.round(performance.now() - started);
  console.log(`db:check: schema and migrations agree (${ms} ms).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
