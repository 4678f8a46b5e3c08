import type { Metadata } from 'next';
import type { SearchParams } from 'nuqs/server';
import { AuditEventList } from '@/components/audit/audit-event-list';
import { AuditFilters } from '@/components/audit/audit-filters';
import { Card } from '@/components/ui/card';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import {
  loadAuditSearchParams,
  normaliseAuditQuery,
  serializeAuditSearchParams,
} from '@/lib/audit/query';
import type { ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listAuditEvents } from '@/lib/data/audit';

export const metadata: Metadata = { title: 'Audit log' };

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
      <Card>
        <AuditEventList
          events={log.rows}
          label={`Audit events of ${ctx.clinicName}`}
          timezone={log.timezone}
        />
        <KeysetPager
          label="Audit log pages"
          testId="audit-range"
          page={log}
          shown={log.rows.length}
          noun={['event', 'events']}
          hrefFor={(cursor) =>
            serializeAuditSearchParams('/audit', {
              size: query.pageSize,
              actor: query.actor,
              action: query.action,
              from: query.from,
              to: query.to,
              ...cursor,
            })
          }
        />
      </Card>
    </div>
  );
}
