/**
 * The retention CLI (scripts/retention.ts is the entry point): runs retention for one clinic in
 * this process with the same domain code as the Inngest job (lib/retention) and prints the counts.
 * Exit codes: 0 done, 1 failed, 2 bad usage or an unknown/inactive clinic, 3 a run is already in
 * progress for the clinic.
 */
import { parseArgs } from 'node:util';
import { findClinicBySlug } from '@/db/control/clinics';
import { tenantDb } from '@/db/tenant';
import { runRetention } from '@/lib/retention/run';
import { IMMEDIATE_STEPS, RetentionBusyError, type RetentionResult } from '@/lib/retention/types';

const USAGE = 'Usage: npm run retention -- --clinic <slug> [--dry-run] [--grace-days N]';

class UsageError extends Error {}
class HelpShown extends Error {}

function parse(argv: string[], out: CliOutput) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        clinic: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'grace-days': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    out.log(USAGE);
    throw new HelpShown();
  }
  if (!values.clinic) throw new UsageError('--clinic <slug> is required.');
  let graceDays: number | undefined;
  if (values['grace-days'] !== undefined) {
    graceDays = Number(values['grace-days']);
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 365) {
      throw new UsageError('--grace-days must be a whole number of days from 0 to 365.');
    }
  }
  return { slug: values.clinic, dryRun: values['dry-run'], graceDays };
}

export function summaryText(clinic: string, r: RetentionResult): string {
  const lines = [
    `[retention] ${clinic}: ${r.dryRun ? 'DRY RUN (nothing changed)' : 'done'} · run ${r.runId}`,
    `  limits: ${r.retentionDays} days, latest ${r.keepLatest} per kind, ${r.graceDays}-day grace`,
    `  eligible by age:          ${r.eligibleByAge}`,
    `  eligible by keep-latest:  ${r.eligibleByKeepLatest}`,
    `  purgeable:                ${r.purgeable}`,
  ];
  if (!r.dryRun) {
    lines.push(
      `  soft-deleted:             ${r.softDeleted}`,
      `  purged:                   ${r.purged}`,
    );
  }
  return lines.join('\n');
}

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** The CLI without process handling, so tests can call it against their own database. */
export async function retentionCli(argv: string[], out: CliOutput = console): Promise<number> {
  let args;
  try {
    args = parse(argv, out);
  } catch (err) {
    if (err instanceof HelpShown) return 0;
    if (!(err instanceof UsageError)) throw err;
    out.error(`[retention] ${err.message}\n${USAGE}`);
    return 2;
  }
  try {
    const clinic = await findClinicBySlug(args.slug);
    if (!clinic) {
      out.error(`[retention] No clinic with the slug "${args.slug}".`);
      return 2;
    }
    if (!clinic.active) {
      out.error(
        `[retention] ${clinic.name} (${clinic.slug}) is inactive: retention runs only for active clinics.`,
      );
      return 2;
    }
    const result = await runRetention(
      tenantDb(clinic.id),
      { dryRun: args.dryRun, graceDays: args.graceDays, requestedBy: null },
      IMMEDIATE_STEPS,
    );
    out.log(summaryText(`${clinic.name} (${clinic.slug})`, result));
    return 0;
  } catch (err) {
    if (err instanceof RetentionBusyError) {
      out.error(`[retention] ${err.message}`);
      return 3;
    }
    throw err;
  }
}
