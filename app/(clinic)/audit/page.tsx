import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { loadAuditSearchParams, normaliseAuditQuery } from '@/lib/audit/query';
import type { ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listAuditEvents } from '@/lib/data/audit';

export const metadata: Metadata = { title: 'Audit log' };

const OUTCOME_TONE: Record<'success' | 'failure' | 'denied', BadgeTone> = {
  success: 'success',
  failure: 'warning',
  denied: 'danger',
};

export default clinicPage('audit.read', AuditLogPage);

async function AuditLogPage(
  ctx: ClinicContext,
  {
    searchParams,
  }: {
    searchParams: Promise<SearchParams>;
  },
) {
  const query = normaliseAuditQuery(await loadAuditSearchParams(searchParams));
  const log = await listAuditEvents(ctx, query);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description={`Who did what in ${ctx.clinicName}, newest first. Entries cannot be changed or deleted.`}
      />
      <AuditFilters actors={log.actors} actions={log.actions} timezone={log.timezone} />
      <AuditPagination
        query={query}
        page={log.page}
        pageCount={log.pageCount}
        total={log.total}
        totalCapped={log.totalCapped}
        shown={log.rows.length}
      />
      <Card>
        <Table caption={`Audit events of ${ctx.clinicName}`}>
          <THead>
            <TR>
              <TH>Time ({log.timezone})</TH>
              <TH>Actor</TH>
              <TH>Action</TH>
              <TH>Entity</TH>
              <TH>Outcome</TH>
              <TH>Request id</TH>
            </TR>
          </THead>
          <TBody data-testid="audit-events">
            {log.rows.length === 0 ? (
              <EmptyRow colSpan={6}>No audit events match these filters.</EmptyRow>
            ) : (
              log.rows.map((e) => (
                <TR key={e.id}>
                  <TD className="whitespace-nowrap tabular-nums">
                    <time dateTime={e.occurredAt}>{e.occurredAtLabel}</time>
                  </TD>
                  <TD>{e.actorName}</TD>
                  <TD className="font-mono text-xs">{e.action}</TD>
                  <TD className="text-xs">
                    {e.entityType ? (
                      <>
                        <span className="font-medium">{e.entityType}</span>
                        {e.entityId && (
                          <span className="ml-1 font-mono break-all text-slate-500">
                            {e.entityId}
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </TD>
                  <TD>
                    <Badge tone={OUTCOME_TONE[e.outcome]}>{e.outcome}</Badge>
                  </TD>
                  <TD className="font-mono text-xs break-all text-slate-500">
                    {e.requestId ?? '—'}
                  </TD>
                </TR>
              ))
            )}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
