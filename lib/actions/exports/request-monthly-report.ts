'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { requestExport } from '@/lib/data/exports';
import { monthlyReportInputSchema } from '@/lib/exports/params';

/**
 * The monthly report (counts only) of one month, on demand: the same report the schedule makes on
 * the 1st, which it replaces. A month still running is reported so far; a month that has not
 * started fails with that reason. Runs in the background like every export.
 */
export const requestMonthlyReportAction = clinicAction
  .metadata({ name: 'requestMonthlyReport', permission: 'patients.export' })
  .inputSchema(monthlyReportInputSchema)
  .action(async ({ parsedInput: { idempotencyKey, period }, ctx }) => {
    const result = await requestExport(
      ctx,
      { kind: 'monthly_report', params: { period } },
      { idempotencyKey },
    );
    revalidatePath('/exports');
    return result;
  });
