import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { countControlPlane } from '@/db/control/overview';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { controlPlaneGate } from '@/lib/control/page-gate';

export const metadata = { title: 'Overview' };

export default async function AdminOverviewPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const counts = await countControlPlane();

  const tiles = [
    {
      href: '/admin/clinics',
      title: 'Clinics',
      value: counts.clinics.total,
      detail: `${counts.clinics.active} active · ${counts.clinics.total - counts.clinics.active} inactive`,
      text: 'Create clinics, deactivate and reactivate them.',
    },
    {
      href: '/admin/users',
      title: 'Users',
      value: counts.users.total,
      detail: `${counts.users.total - counts.users.disabled} enabled · ${counts.users.disabled} disabled`,
      text: 'Create staff accounts, disable and enable them.',
    },
    {
      href: '/admin/memberships',
      title: 'Memberships',
      value: counts.memberships,
      detail: 'User × clinic, with a clinic role',
      text: 'Give users access to clinics, change roles, remove access.',
    },
    {
      href: '/admin/roles',
      title: 'Roles & permissions',
      value: counts.roles,
      detail: 'Read-only system data',
      text: 'What each role may do. Changed only by migration.',
    },
    {
      href: '/admin/settings',
      title: 'Setting definitions',
      value: counts.settingDefinitions,
      detail: 'Defaults for every clinic',
      text: 'Edit defaults and whether clinics may override them.',
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Control plane"
        description={`Signed in as ${gate.ctx.user.name}. Everything you change here is recorded in the system audit log.`}
      />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.href}>
            <Card className="h-full transition-colors focus-within:ring-2 focus-within:ring-brand-600 hover:border-brand-600/40">
              <Link href={tile.href} className="block h-full p-5 focus:outline-none">
                <p className="text-sm font-medium text-slate-500">{tile.title}</p>
                <p className="mt-1 text-3xl font-semibold tracking-tight text-slate-900">
                  {tile.value}
                </p>
                <p className="text-xs text-slate-500">{tile.detail}</p>
                <p className="mt-3 text-sm text-slate-600">{tile.text}</p>
              </Link>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
