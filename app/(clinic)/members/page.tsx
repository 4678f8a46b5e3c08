import type { Metadata } from 'next';
import { InvitationActions } from '@/components/members/invitation-actions';
import { InviteMemberForm } from '@/components/members/invite-form';
import { MemberRoleForm, RemoveMemberButton } from '@/components/members/member-actions';
import { SupportSessionsSection } from '@/components/members/support-sessions';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { grantableRoles, listPendingInvitations } from '@/lib/control/team/queries';
import { listClinicMembers } from '@/lib/data/members';

export const metadata: Metadata = { title: 'Members' };

export default clinicPage('members.read', MembersPage);

async function MembersPage(ctx: ClinicContext) {
  const { members, clock } = await listClinicMembers(ctx);
  const manage = can(ctx, 'members.manage');
  const [invitations, roles] = manage
    ? await Promise.all([listPendingInvitations(ctx, clock), grantableRoles(ctx.roleId)])
    : [[], []];
  const columns = manage ? 5 : 4;

  return (
    <div className="space-y-6">
      <PageHeader title="Members" description={`The staff of ${ctx.clinicName} and their roles.`} />
      {manage && (
        <>
          <Card aria-labelledby="invite-member">
            <CardHeader
              id="invite-member"
              title="Invite someone"
              description="They get an e-mail with a link that works once, for 7 days."
            />
            <CardBody>
              <InviteMemberForm roles={roles} />
            </CardBody>
          </Card>
          <Card aria-labelledby="pending-invitations">
            <CardHeader id="pending-invitations" title="Pending invitations" />
            <Table caption="Pending invitations">
              <THead>
                <TR>
                  <TH>Email</TH>
                  <TH>Role</TH>
                  <TH>Invited by</TH>
                  <TH>Expires</TH>
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody data-testid="invitations">
                {invitations.length === 0 && (
                  <EmptyRow colSpan={5}>No pending invitations.</EmptyRow>
                )}
                {invitations.map((i) => (
                  <TR key={i.id}>
                    <TH scope="row" className="font-medium text-slate-900">
                      {i.email}
                    </TH>
                    <TD>{i.roleName}</TD>
                    <TD>
                      {i.invitedByName}, <time dateTime={i.sentAt}>{i.sentLabel}</time>
                    </TD>
                    <TD>
                      <time dateTime={i.expiresAt}>{i.expiresLabel}</time>
                      {i.expired && (
                        <Badge tone="warning" className="ml-2">
                          Expired
                        </Badge>
                      )}
                    </TD>
                    <TD className="text-right">
                      <InvitationActions invitation={i} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </Card>
        </>
      )}
      <Card>
        <Table caption={`Members of ${ctx.clinicName}`}>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>Role</TH>
              <TH>Member since</TH>
              {manage && (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              )}
            </TR>
          </THead>
          <TBody data-testid="members">
            {members.length === 0 ? (
              <EmptyRow colSpan={columns}>No members.</EmptyRow>
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
                  <TD>
                    {manage && m.userId !== ctx.user.id ? (
                      <MemberRoleForm
                        key={`${m.membershipId}-${m.roleId}`}
                        member={m}
                        roles={roles}
                      />
                    ) : (
                      m.roleName
                    )}
                  </TD>
                  <TD>
                    <time dateTime={m.since}>{m.sinceLabel}</time>
                  </TD>
                  {manage && (
                    <TD className="text-right">
                      {m.userId !== ctx.user.id && (
                        <RemoveMemberButton member={m} clinicName={ctx.clinicName} />
                      )}
                    </TD>
                  )}
                </TR>
              ))
            )}
          </TBody>
        </Table>
      </Card>
      <SupportSessionsSection ctx={ctx} clock={clock} />
    </div>
  );
}
