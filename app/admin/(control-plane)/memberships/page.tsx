import { forbidden } from 'next/navigation';
import { readCatalogue } from '@/db/control/catalogue';
import { listClinics } from '@/db/control/clinics';
import { listAllMemberships } from '@/db/control/memberships';
import { listUsers } from '@/db/control/users';
import {
  AddMembershipForm,
  MembershipRoleForm,
  RemoveMembershipButton,
} from '@/components/admin/membership-forms';
import { InviteToClinicForm } from '@/components/admin/invite-form';
import type { MembershipDto, Option } from '@/components/admin/types';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { controlPlaneGate } from '@/lib/control/page-gate';

export const metadata = { title: 'Memberships' };

export default async function MembershipsPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const [memberships, users, clinics, catalogue] = await Promise.all([
    listAllMemberships(),
    listUsers(),
    listClinics(),
    readCatalogue(),
  ]);
  const roles: Option[] = catalogue.roles
    .filter((r) => r.scope === 'clinic')
    .map((r) => ({ value: r.id, label: r.name }));
  const userOptions: Option[] = users.map((u) => ({
    value: u.id,
    label: `${u.name} (${u.email})${u.disabled ? ' · disabled' : ''}`,
  }));
  const clinicOptions: Option[] = clinics.map((c) => ({
    value: c.id,
    label: `${c.name}${c.active ? '' : ' · inactive'}`,
  }));
  const activeClinicOptions: Option[] = clinics
    .filter((c) => c.active)
    .map((c) => ({ value: c.id, label: c.name }));
  const rows: MembershipDto[] = memberships.map((m) => ({
    id: m.membershipId,
    clinicId: m.clinicId,
    clinicName: m.clinicName,
    clinicActive: m.clinicActive,
    userId: m.userId,
    userName: m.userName,
    userEmail: m.userEmail,
    roleId: m.roleId,
    roleName: m.roleName,
  }));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Memberships"
        description="A membership lets a user work in one clinic with one clinic role. Changes apply on the user's next request."
      />
      <Card aria-labelledby="new-membership">
        <CardHeader id="new-membership" title="Add a user to a clinic" />
        <CardBody>
          <AddMembershipForm users={userOptions} clinics={clinicOptions} roles={roles} />
        </CardBody>
      </Card>
      <Card aria-labelledby="invite-to-clinic">
        <CardHeader
          id="invite-to-clinic"
          title="Invite someone to a clinic"
          description="They get an e-mail with a link that works once, for 7 days, and choose their own password."
        />
        <CardBody>
          <InviteToClinicForm clinics={activeClinicOptions} roles={roles} />
        </CardBody>
      </Card>
      <Card aria-labelledby="all-memberships">
        <CardHeader
          id="all-memberships"
          title="All memberships"
          description={`${rows.length} ${rows.length === 1 ? 'membership' : 'memberships'}, by clinic`}
        />
        <Table caption="All memberships">
          <THead>
            <TR>
              <TH>Clinic</TH>
              <TH>User</TH>
              <TH>Role</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {rows.length === 0 && <EmptyRow colSpan={4}>No memberships yet.</EmptyRow>}
            {rows.map((m) => (
              <TR key={m.id}>
                <TD>
                  <span className="font-medium text-slate-900">{m.clinicName}</span>
                  {!m.clinicActive && (
                    <Badge tone="neutral" className="ml-2">
                      Inactive
                    </Badge>
                  )}
                </TD>
                <TH scope="row">
                  <span className="block font-medium text-slate-900">{m.userName}</span>
                  <span className="block font-normal text-slate-500">{m.userEmail}</span>
                </TH>
                <TD>
                  <MembershipRoleForm key={`${m.id}-${m.roleId}`} membership={m} roles={roles} />
                </TD>
                <TD className="text-right">
                  <RemoveMembershipButton membership={m} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
