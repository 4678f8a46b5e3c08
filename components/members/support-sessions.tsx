import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { can, type ClinicContext } from '@/lib/auth/context';
import { formatInstant, type ClinicClock } from '@/lib/dates/format';
import { supportSessionsOfClinic, type SupportSessionView } from '@/lib/control/support/listing';
import { EndSupportButton } from './end-support-button';

const STATUS: Record<SupportSessionView['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'danger' },
  expired: { label: 'Expired', tone: 'neutral' },
  operator: { label: 'Ended by the operator', tone: 'neutral' },
  clinic_admin: { label: 'Ended by a clinic admin', tone: 'neutral' },
};

/**
 * Operators' support access to this clinic, active and past, for its admins (`members.manage`),
 * who can end an active one. The clinic is the context's, never the request's.
 */
export async function SupportSessionsSection({
  ctx,
  clock,
}: {
  ctx: ClinicContext;
  clock: ClinicClock;
}) {
  const when = (iso: string) => formatInstant(iso, clock);
  if (!can(ctx, 'members.manage')) return null;
  const sessions = await supportSessionsOfClinic(ctx.clinicId);
  return (
    <Card aria-labelledby="support-sessions">
      <CardHeader
        id="support-sessions"
        title="Support access"
        description="System operators who opened time-limited access to this clinic, and why. Everything they do is in the audit log."
      />
      <Table caption={`Support access to ${ctx.clinicName}`}>
        <THead>
          <TR>
            <TH>Operator</TH>
            <TH>Reason</TH>
            <TH>Access</TH>
            <TH>Started</TH>
            <TH>Status</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody data-testid="support-sessions">
          {sessions.length === 0 ? (
            <EmptyRow colSpan={6}>No support access so far.</EmptyRow>
          ) : (
            sessions.map((s) => (
              <TR key={s.id}>
                <TD className="font-medium text-slate-900">
                  {s.operatorName}
                  <span className="block text-xs font-normal text-slate-500">
                    {s.operatorEmail}
                  </span>
                </TD>
                <TD className="max-w-xs break-words whitespace-normal">
                  {s.reason}
                  {s.writeReason && (
                    <span className="block text-xs text-red-800">Write: {s.writeReason}</span>
                  )}
                </TD>
                <TD>{s.writeAccess ? <Badge tone="danger">Write</Badge> : 'Read-only'}</TD>
                <TD>
                  <time dateTime={s.startedAt}>{when(s.startedAt)}</time>
                </TD>
                <TD>
                  <Badge tone={STATUS[s.status].tone}>{STATUS[s.status].label}</Badge>
                  {s.status === 'active' && (
                    <span className="block text-xs text-slate-500">
                      until <time dateTime={s.expiresAt}>{when(s.expiresAt)}</time>
                    </span>
                  )}
                </TD>
                <TD className="text-right">
                  {s.status === 'active' && (
                    <EndSupportButton id={s.id} operator={s.operatorName} />
                  )}
                </TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </Card>
  );
}
