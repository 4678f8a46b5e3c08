import { forbidden } from 'next/navigation';
import { readCatalogue } from '@/db/control/catalogue';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { controlPlaneGate } from '@/lib/control/page-gate';

export const metadata = { title: 'Roles & permissions' };

export default async function RolesPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const { roles, permissions } = await readCatalogue();
  const grants = new Set(roles.flatMap((r) => r.permissions.map((p) => `${r.id} ${p}`)));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Roles & permissions"
        description="Which role may do what, as the database holds it. Authorization always checks permissions, never role names."
      />
      <div
        role="note"
        className="rounded-lg border border-slate-200 bg-slate-100 px-4 py-3 text-sm text-slate-700"
      >
        <p className="font-medium text-slate-900">Read-only system data</p>
        <p className="mt-1">
          Roles and their permissions are seeded by database migration and can be changed only by a
          new migration (together with{' '}
          <code className="font-mono text-xs">lib/auth/permissions.ts</code>; a test fails when the
          two disagree). Neither clinics nor the control plane can edit them.
        </p>
      </div>
      <Card aria-labelledby="role-matrix">
        <CardHeader
          id="role-matrix"
          title="Permission matrix"
          description={`${permissions.length} permissions × ${roles.length} roles`}
        />
        <Table caption="Permissions granted to each role">
          <THead>
            <TR>
              <TH>Permission</TH>
              {roles.map((role) => (
                <TH key={role.id} className="text-center">
                  <span className="block normal-case">{role.name}</span>
                  <span className="mt-0.5 block font-normal tracking-normal normal-case">
                    <Badge tone={role.scope === 'system' ? 'warning' : 'neutral'}>
                      {role.scope === 'system' ? 'System' : 'Clinic'}
                    </Badge>
                  </span>
                </TH>
              ))}
            </TR>
          </THead>
          <TBody>
            {permissions.map((permission) => (
              <TR key={permission.key}>
                <TH scope="row">
                  <code className="block font-mono text-xs font-medium text-slate-900">
                    {permission.key}
                  </code>
                  <span className="block font-normal text-slate-500">{permission.description}</span>
                </TH>
                {roles.map((role) => {
                  const granted = grants.has(`${role.id} ${permission.key}`);
                  return (
                    <TD key={role.id} className="text-center">
                      {granted ? (
                        <span className="font-semibold text-emerald-700" aria-hidden>
                          ✓
                        </span>
                      ) : (
                        <span className="text-slate-300" aria-hidden>
                          —
                        </span>
                      )}
                      <span className="sr-only">{granted ? 'Granted' : 'Not granted'}</span>
                    </TD>
                  );
                })}
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
      <Card aria-labelledby="role-list">
        <CardHeader id="role-list" title="Roles" />
        <dl className="divide-y divide-slate-100">
          {roles.map((role) => (
            <div key={role.id} className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium text-slate-900">
                {role.name} <code className="ml-1 font-mono text-xs text-slate-500">{role.id}</code>
              </dt>
              <dd className="text-sm text-slate-600">{role.description}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
