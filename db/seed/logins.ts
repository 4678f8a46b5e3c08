import type { ClinicRole, SystemRole } from '@/lib/auth/permissions';

/** Every demo account shares this password. Demo data only: the seed refuses to run in production. */
export const DEMO_PASSWORD = 'demo-pass-2026';

export type DemoClinicSlug = 'northside' | 'harbor' | 'lakeside';

export interface DemoLogin {
  email: string;
  name: string;
  systemRoleId?: SystemRole;
  memberships: readonly { clinic: DemoClinicSlug; role: ClinicRole }[];
  /** One line for the printed table. */
  canDo: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    email: 'ops@demo.test',
    name: 'Olivia Ops',
    systemRoleId: 'system_admin',
    memberships: [],
    canDo: 'Control plane: clinics, users, memberships, retention',
  },
  {
    email: 'admin@northside.test',
    name: 'Avery Brooks',
    memberships: [{ clinic: 'northside', role: 'clinic_admin' }],
    canDo: 'Everything in Northside incl. settings, members, audit',
  },
  {
    email: 'reception@northside.test',
    name: 'Sam Rivera',
    memberships: [{ clinic: 'northside', role: 'receptionist' }],
    canDo: 'Northside patients and bookings, no exports',
  },
  {
    email: 'dr.nguyen@demo.test',
    name: 'Dr. Linh Nguyen',
    memberships: [
      { clinic: 'northside', role: 'doctor' },
      { clinic: 'harbor', role: 'clinic_admin' },
    ],
    canDo: 'Two clinics: switch between them in the header',
  },
  {
    email: 'dr.patel@northside.test',
    name: 'Dr. Priya Patel',
    memberships: [{ clinic: 'northside', role: 'doctor' }],
    canDo: 'Northside clinical work and exports',
  },
  {
    email: 'admin@harbor.test',
    name: 'Jordan Lee',
    memberships: [{ clinic: 'harbor', role: 'clinic_admin' }],
    canDo: 'Everything in Harbor incl. settings, members, audit',
  },
  {
    email: 'nurse@harbor.test',
    name: 'Maya Johnson',
    memberships: [{ clinic: 'harbor', role: 'nurse' }],
    canDo: 'Harbor patients and bookings, no exports',
  },
  {
    email: 'dr.okafor@harbor.test',
    name: 'Dr. Chidi Okafor',
    memberships: [{ clinic: 'harbor', role: 'doctor' }],
    canDo: 'Harbor clinical work and exports',
  },
];

function rolesOf(login: DemoLogin): string {
  const roles = login.memberships.map((m) => `${m.role}@${m.clinic}`);
  if (login.systemRoleId) roles.unshift(login.systemRoleId);
  return roles.join(', ');
}

/** A plain-text table of the demo logins, for the terminal. */
export function formatDemoLogins(logins: readonly DemoLogin[] = DEMO_LOGINS): string {
  const header = ['Email', 'Password', 'Roles', 'What they can do'];
  const rows = logins.map((l) => [l.email, DEMO_PASSWORD, rolesOf(l), l.canDo]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
