import { forbidden } from 'next/navigation';
import { readCatalogue } from '@/db/control/catalogue';
import { listAllMemberships } from '@/db/control/memberships';
import { listUsers } from '@/db/control/users';
import type { UserDto } from '@/components/admin/types';
import { ResetMfaForm } from '@/components/admin/reset-mfa-form';
import { CreateUserForm, UserStatusButton } from '@/components/admin/user-forms';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { controlPlaneGate } from '@/lib/control/page-gate';
import { formatDay } from '@/lib/dates/format';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const [users, memberships, catalogue] = await Promise.all([
    listUsers(),
    listAllMemberships(),
    readCatalogue(),
  ]);
  const roleNames = new Map(catalogue.roles.map((r) => [r.id, r.name]));
  const counts = new Map<string, number>();
  for (const m of memberships) counts.set(m.userId, (counts.get(m.userId) ?? 0) + 1);
  const rows: UserDto[] = users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    disabled: u.disabled,
    systemRoleName: u.systemRoleId ? (roleNames.get(u.systemRoleId) ?? u.systemRoleId) : null,
    membershipCount: counts.get(u.id) ?? 0,
    createdOn: u.createdAt.toISOString().slice(0, 10),
    isSelf: u.id === gate.ctx.user.id,
    mfaOn: u.mfaEnabledAt !== null,
  }));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Users"
        description="Accounts are global; what a user may do in a clinic comes from their membership there. Disabling a user ends their sessions on the next request."
      />
      <Card aria-labelledby="new-user">
        <CardHeader id="new-user" title="New user" />
        <CardBody>
          <CreateUserForm />
        </CardBody>
      </Card>
      <Card aria-labelledby="all-users">
        <CardHeader
          id="all-users"
          title="All users"
          description={`${rows.length} ${rows.length === 1 ? 'user' : 'users'}`}
        />
        <Table caption="All users">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>System role</TH>
              <TH className="text-right">Clinics</TH>
              <TH>Status</TH>
              <TH>Two-step</TH>
              <TH>Created</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {rows.length === 0 && <EmptyRow colSpan={8}>No users yet.</EmptyRow>}
            {rows.map((user) => (
              <TR key={user.id}>
                <TH scope="row">{user.name}</TH>
                <TD>{user.email}</TD>
                <TD>
                  {user.systemRoleName ? (
                    <Badge tone="warning">{user.systemRoleName}</Badge>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </TD>
                <TD className="text-right tabular-nums">{user.membershipCount}</TD>
                <TD>
                  {user.disabled ? (
                    <Badge tone="danger">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Enabled</Badge>
                  )}
                </TD>
                <TD>
                  {user.mfaOn ? (
                    <ResetMfaForm user={user} />
                  ) : (
                    <span className="text-slate-500">Off</span>
                  )}
                </TD>
                <TD className="whitespace-nowrap tabular-nums">
                  {formatDay(user.createdOn, { weekday: false })}
                </TD>
                <TD className="text-right">
                  <UserStatusButton user={user} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
