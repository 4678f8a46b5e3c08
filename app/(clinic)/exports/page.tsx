import { getDaysInMonth } from 'date-fns';
import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { ExportsTable } from '@/components/exports/exports-table';
import { StartExport, type StartExportDefaults } from '@/components/exports/start-export';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { localDate } from '@/lib/appointments/time';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listExports } from '@/lib/data/exports';
import { cursorState, loadCursorSearchParams } from '@/lib/pagination/cursor';
import { previousPeriod } from '@/lib/reports/period';

export const metadata: Metadata = { title: 'Exports' };

export default clinicPage('exports.read', ExportsPage);

/** This month in the clinic's timezone: its days for the appointments export, and report months. */
function startDefaults(timeZone: string, now: Date): StartExportDefaults {
  const currentPeriod = localDate(now, timeZone).slice(0, 7);
  const monthStart = `${currentPeriod}-01`;
  const days = getDaysInMonth(new Date(`${monthStart}T12:00:00Z`));
  return {
    monthStart,
    monthEnd: `${currentPeriod}-${String(days).padStart(2, '0')}`,
    currentPeriod,
    previousPeriod: previousPeriod(new Date(`${monthStart}T12:00:00Z`)),
  };
}

async function ExportsPage(
  ctx: ClinicContext,
  { searchParams }: { searchParams: Promise<SearchParams> },
) {
  const cursor = cursorState(loadCursorSearchParams(await searchParams));
  const list = await listExports(ctx, can(ctx, 'exports.download'), cursor);
  return (
    <div className="space-y-6">
      <PageHeader title="Exports" description={`Exports and reports of ${ctx.clinicName}.`} />
      {can(ctx, 'patients.export') && (
        <Card aria-labelledby="start-export-heading">
          <h2
            id="start-export-heading"
            className="border-b border-slate-100 px-5 py-3 text-sm font-medium text-slate-700"
          >
            Start an export
          </h2>
          <StartExport defaults={startDefaults(list.timeZone, new Date())} />
        </Card>
      )}
      <Card aria-labelledby="exports-heading">
        <h2
          id="exports-heading"
          className="border-b border-slate-100 px-5 py-3 text-sm font-medium text-slate-700"
        >
          Exports, newest first · times in {list.timeZone}
        </h2>
        <ExportsTable initial={list} />
      </Card>
    </div>
  );
}
