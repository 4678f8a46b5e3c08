import { forbidden } from 'next/navigation';
import { listClinics } from '@/db/control/clinics';
import { listAllMemberships } from '@/db/control/memberships';
import { ClinicStatusButton, CreateClinicForm } from '@/components/admin/clinic-forms';
import type { ClinicDto } from '@/components/admin/types';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { controlPlaneGate } from '@/lib/control/page-gate';
import { listTimeZones } from '@/lib/timezones';
import { formatDay } from '@/lib/dates/format';

export const metadata = { title: 'Clinics' };

export default async function ClinicsPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const [clinics, memberships] = await Promise.all([listClinics(), listAllMemberships()]);
  const members = new Map<string, number>();
  for (const m of memberships) members.set(m.clinicId, (members.get(m.clinicId) ?? 0) + 1);
  const rows: ClinicDto[] = clinics.map((c) => ({
    id: c.id,
    name: c.name,
    slug: c.slug,
    timezone: c.timezone,
    active: c.active,
    memberCount: members.get(c.id) ?? 0,
    createdOn: c.createdAt.toISOString().slice(0, 10),
  }));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Clinics"
        description="Each clinic's data is walled off from every other. Deactivating a clinic ends its members' access without deleting anything."
      />
      <Card aria-labelledby="new-clinic">
        <CardHeader id="new-clinic" title="New clinic" />
        <CardBody>
          <CreateClinicForm timezones={listTimeZones()} />
        </CardBody>
      </Card>
      <Card aria-labelledby="all-clinics">
        <CardHeader
          id="all-clinics"
          title="All clinics"
          description={`${rows.length} ${rows.length === 1 ? 'clinic' : 'clinics'}`}
        />
        <Table caption="All clinics">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Slug</TH>
              <TH>Timezone</TH>
              <TH className="text-right">Members</TH>
              <TH>Status</TH>
              <TH>Created</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {rows.length === 0 && <EmptyRow colSpan={7}>No clinics yet.</EmptyRow>}
            {rows.map((clinic) => (
              <TR key={clinic.id}>
                <TH scope="row">{clinic.name}</TH>
                <TD className="font-mono text-xs">{clinic.slug}</TD>
                <TD>{clinic.timezone}</TD>
                <TD className="text-right tabular-nums">{clinic.memberCount}</TD>
                <TD>
                  {clinic.active ? (
                    <Badge tone="success">Active</Badge>
                  ) : (
                    <Badge tone="neutral">Inactive</Badge>
                  )}
                </TD>
                <TD className="whitespace-nowrap tabular-nums">
                  {formatDay(clinic.createdOn, { weekday: false })}
                </TD>
                <TD className="text-right">
                  <ClinicStatusButton clinic={clinic} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
