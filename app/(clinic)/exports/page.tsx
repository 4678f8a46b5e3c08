import type { Metadata } from 'next';
import { ExportsTable } from '@/components/exports/exports-table';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { EXPORTS_SHOWN, listExports } from '@/lib/data/exports';

export const metadata: Metadata = { title: 'Exports' };

export default clinicPage('exports.read', ExportsPage);

async function ExportsPage(ctx: ClinicContext) {
  const list = await listExports(ctx, can(ctx, 'exports.download'));
  return (
    <div className="space-y-6">
      <PageHeader title="Exports" description={`Exports and reports of ${ctx.clinicName}.`} />
      <Card aria-labelledby="exports-heading">
        <h2
          id="exports-heading"
          className="border-b border-slate-100 px-5 py-3 text-sm font-medium text-slate-700"
        >
          The latest {EXPORTS_SHOWN} exports · times in {list.timeZone}
        </h2>
        <ExportsTable initial={list} />
      </Card>
    </div>
  );
}
