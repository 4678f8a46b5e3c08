import { forbidden } from 'next/navigation';
import { listClinics } from '@/db/control/clinics';
import { tenantDb } from '@/db/tenant';
import { RetentionControls } from '@/components/admin/retention-controls';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { controlPlaneGate } from '@/lib/control/page-gate';
import { retentionOverview, type RetentionRunView } from '@/lib/retention/runs';
import { formatUtc } from '@/lib/dates/format';

export const metadata = { title: 'Retention' };

const STATUS_TONE: Record<RetentionRunView['status'], BadgeTone> = {
  running: 'info',
  done: 'success',
  failed: 'danger',
};

/** "4 Oct 2026, 03:00 UTC": the control plane works in UTC, like the nightly schedule. */
function utc(iso: string | null): string {
  return iso ? formatUtc(iso) : '—';
}

function count(summary: Record<string, number>, key: string): string {
  return typeof summary[key] === 'number' ? String(summary[key]) : '—';
}

export default async function RetentionPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const clinics = await listClinics();
  // The control plane names each clinic explicitly: one tenantDb (and transaction) per clinic.
  const overviews = [];
  for (const clinic of clinics) {
    overviews.push({ clinic, ...(await retentionOverview(tenantDb(clinic.id))) });
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Retention"
        description="Every night at 03:00 UTC each active clinic's export and report files past its retention days, or beyond its latest N per kind, are hidden; their stored bytes are removed after a 7-day grace period. Patient documents and audit logs are never touched."
      />
      {overviews.map(({ clinic, retentionDays, keepLatest, runs }) => (
        <Card key={clinic.id} aria-labelledby={`retention-${clinic.id}`}>
          <CardHeader
            id={`retention-${clinic.id}`}
            title={
              <span className="flex items-center gap-2">
                {clinic.name}
                {!clinic.active && <Badge tone="neutral">Inactive</Badge>}
              </span>
            }
            description={`Keeps exports and reports ${retentionDays} days, at most the latest ${keepLatest} per kind.`}
          />
          {clinic.active && (
            <CardBody className="border-b border-slate-100">
              <RetentionControls
                clinic={{ id: clinic.id, name: clinic.name }}
                latestRun={
                  runs[0] ? { id: runs[0].id, finished: runs[0].status !== 'running' } : null
                }
              />
            </CardBody>
          )}
          <Table caption={`Latest retention runs of ${clinic.name}`}>
            <THead>
              <TR>
                <TH>Started</TH>
                <TH>Mode</TH>
                <TH>Status</TH>
                <TH className="text-right">By age</TH>
                <TH className="text-right">Beyond latest N</TH>
                <TH className="text-right">Soft-deleted</TH>
                <TH className="text-right">Purgeable</TH>
                <TH className="text-right">Purged</TH>
              </TR>
            </THead>
            <TBody>
              {runs.length === 0 && <EmptyRow colSpan={8}>No runs yet.</EmptyRow>}
              {runs.map((run) => (
                <TR key={run.id}>
                  <TD className="whitespace-nowrap tabular-nums">{utc(run.startedAt)}</TD>
                  <TD>{run.mode === 'dry_run' ? 'Dry run' : 'Real'}</TD>
                  <TD>
                    <Badge tone={STATUS_TONE[run.status]}>{run.status}</Badge>
                  </TD>
                  <TD className="text-right tabular-nums">{count(run.summary, 'eligibleByAge')}</TD>
                  <TD className="text-right tabular-nums">
                    {count(run.summary, 'eligibleByKeepLatest')}
                  </TD>
                  <TD className="text-right tabular-nums">{count(run.summary, 'softDeleted')}</TD>
                  <TD className="text-right tabular-nums">{count(run.summary, 'purgeable')}</TD>
                  <TD className="text-right tabular-nums">{count(run.summary, 'purged')}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      ))}
    </div>
  );
}
