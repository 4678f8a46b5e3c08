import type { Metadata } from 'next';
import { SupportSessionsSection } from '@/components/members/support-sessions';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import type { ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listClinicMembers } from '@/lib/data/members';

export const metadata: Metadata = { title: 'Members' };

export default clinicPage('members.read', MembersPage);

async function MembersPage(ctx: ClinicContext) {
  const { members } = await listClinicMembers(ctx);

  return (
    <div className="space-y-6">
      <PageHeader title="Members" description={`The staff of ${ctx.clinicName} and their roles.`} />
      <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
        Members and roles are managed by the system operators in the control plane. To add someone,
        remove them or change their role, contact your system administrator.
      </p>
      <Card>
        <Table caption={`Members of ${ctx.clinicName}`}>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>Role</TH>
              <TH>Member since</TH>
            </TR>
          </THead>
          <TBody data-testid="members">
            {members.length === 0 ? (
              <EmptyRow colSpan={4}>No members.</EmptyRow>
            ) : (
              members.map((m) => (
                <TR key={m.membershipId}>
                  <TD className="font-medium text-slate-900">
                    {m.name}
                    {m.disabled && (
                      <Badge tone="warning" className="ml-2">
                        Disabled
                      </Badge>
                    )}
                  </TD>
                  <TD>{m.email}</TD>
                  <TD>{m.roleName}</TD>
                  <TD>
                    <time dateTime={m.since}>{m.sinceLabel}</time>
                  </TD>
                </TR>
              ))
            )}
          </TBody>
        </Table>
      </Card>
      <SupportSessionsSection ctx={ctx} />
    </div>
  );
}
