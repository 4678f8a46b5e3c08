/**
 * Writes docs/PERMISSIONS.md: the role × permission matrix from lib/auth/permissions.ts, what each
 * permission is for, and every action, route handler and page that checks it (found in the
 * source). `npx tsx scripts/permissions-doc.ts` regenerates it; scripts/permissions-doc.test.ts
 * fails while the committed file is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';
import {
  CLINIC_ROLES,
  PERMISSIONS,
  SUPPORT_ROLES,
  SYSTEM_ROLES,
  roleHasPermission,
  type Permission,
  type RoleId,
  type SupportRole,
} from '../lib/auth/permissions';
import { collectEndpointSources, findEndpoints, type SourceText } from './endpoints';

export const DOC_PATH = 'docs/PERMISSIONS.md';
export const REGENERATE = 'npx tsx scripts/permissions-doc.ts';

/** What each permission is meant to gate, in words. Typed, so a new permission needs its line. */
const GATES: Record<Permission, string> = {
  'patients.read':
    'The patient list, patient search and the patient picker, and opening a patient record (each record view is audited).',
  'patients.create':
    'Onboarding a new patient in the active clinic, optionally linked to a patient-portal account (never a staff or operator account; look-ups are throttled per user and audited).',
  'patients.update':
    "Editing a patient's details (including the portal-account link, as for `patients.create`) and attaching documents to their record.",
  'patients.export':
    'Requesting patient and appointment exports (CSV) and printable patient summaries. The export job re-checks it when it runs.',
  'appointments.read': "The active clinic's appointment list and calendar.",
  'appointments.manage': 'Booking, rescheduling, cancelling and completing appointments.',
  'staff.read': "Searching the clinic's staff, e.g. the practitioner picker when booking.",
  'exports.read': "The clinic's exports page: the generated exports and reports.",
  'exports.download':
    'Downloading exports, reports and patient documents through `GET /file/download/{attachmentId}` (audited).',
  'settings.read':
    "Viewing the clinic's settings and where each value comes from (system default or clinic override).",
  'settings.update':
    "Changing the clinic's overrides of overridable settings. The definitions themselves belong to the control plane.",
  'members.manage':
    "Inviting people to the clinic with a role the inviter's own role covers, resending and revoking invitations, changing members' roles and removing members (never the clinic's last admin); ending an operator's support access to the clinic.",
  'support.open':
    'Opening time-limited support access (at most 60 minutes, read-only unless write is asked for with a second reason) to one clinic, from global mode. Every action during it is audited in the clinic and the system log.',
  'members.read':
    "Viewing the clinic's members and their roles (read-only; memberships are managed in the control plane).",
  'audit.read': "Reading the clinic's audit log.",
  'control_plane.access':
    'The control plane under `/admin`: clinics, users, memberships, setting definitions and the read-only role catalogue. Also needs global mode; every refusal is audited as `control_plane.denied`.',
  'retention.run':
    'Running or scheduling data retention (soft-delete, then purge, of export and report files), dry runs included. Also needs global mode.',
};

/** Page guards and the permission each checks: the literal argument, or a fixed one. */
const PAGE_GUARDS: Record<string, Permission | 'argument'> = {
  clinicPage: 'argument',
  requirePermission: 'argument',
  ensureControlPlane: 'argument',
  controlPlanePage: 'control_plane.access',
  controlPlaneGate: 'control_plane.access',
};
const DEFAULT_GUARD_PERMISSION: Partial<Record<string, Permission>> = {
  ensureControlPlane: 'control_plane.access',
};

export interface PageGate {
  file: string;
  urlPath: string;
  permission: string;
}

function pageUrlPath(file: string): string {
  const segments = file
    .replace(/^app\//, '')
    .split('/')
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return `/${segments.join('/')}`;
}

/** Permissions checked by app pages and layouts through the page guards. */
export function findPageGates(files: SourceText[]): PageGate[] {
  const out: PageGate[] = [];
  for (const file of files) {
    if (!/^app\/(?:.*\/)?(?:page|layout)\.tsx?$/.test(file.path)) continue;
    const sf = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    const seen = new Set<string>();
    const visit = (n: ts.Node) => {
      if (
        ts.isCallExpression(n) &&
        ts.isIdentifier(n.expression) &&
        n.expression.text in PAGE_GUARDS
      ) {
        const guard = n.expression.text;
        const rule = PAGE_GUARDS[guard];
        const arg = n.arguments[0];
        const permission =
          rule !== 'argument'
            ? rule
            : arg && ts.isStringLiteral(arg)
              ? arg.text
              : DEFAULT_GUARD_PERMISSION[guard];
        if (permission && !seen.has(permission)) {
          seen.add(permission);
          out.push({ file: file.path, urlPath: pageUrlPath(file.path), permission });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

const ROLES: readonly (RoleId | SupportRole)[] = [
  ...CLINIC_ROLES,
  ...SYSTEM_ROLES,
  ...SUPPORT_ROLES,
];

export function renderPermissionsDoc(files: SourceText[]): string {
  const endpoints = findEndpoints(files);
  const pages = findPageGates(files);
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  const holds = (role: RoleId | SupportRole, p: Permission) => roleHasPermission(role, p);

  const lines: string[] = [
    '# Permissions',
    '',
    `<!-- Generated by \`${REGENERATE}\` from lib/auth/permissions.ts and the source. Do not edit by hand: scripts/permissions-doc.test.ts fails when this file is out of date. -->`,
    '',
    'Authorization checks **permissions, never role names**. The catalogue below lives in',
    '`lib/auth/permissions.ts`; the roles and their grants are system data seeded by migration',
    '(`db/migrations/0002_tenant_walls.sql`), and `lib/auth/role-catalogue.int.test.ts` proves the',
    'database and the code agree. Nobody edits roles at run time: not clinics, not the control plane.',
    '',
    '- **Deny by default.** An unknown role or permission grants nothing.',
    '- **From the database.** The role comes from the live membership on every request, never from',
    '  the session token, so a role change or removal applies on the next request.',
    '- **Declared by every endpoint.** Server actions name their permission in required metadata',
    '  (`clinicAction`, `controlPlaneAction`); route handlers use `withClinic(handler, { permission })`.',
    '  `test/isolation-matrix.int.test.ts` calls each one anonymously, from another clinic and without',
    '  the permission (a role made for the test, holding every other clinic permission, where every',
    "  shipped role holds it). Inline `'use server'` actions are refused by `npm run guardrails`.",
    '- **Control plane.** `control_plane.access` and `retention.run` work only for a system admin in',
    '  global mode; clinic roles never hold them.',
    '',
    '## Role × permission matrix',
    '',
    `| Permission | ${ROLES.map((r) => `\`${r}\``).join(' | ')} |`,
    `| --- | ${ROLES.map(() => ':---:').join(' | ')} |`,
    ...permissions.map(
      (p) => `| \`${p}\` | ${ROLES.map((r) => (holds(r, p) ? '✓' : '—')).join(' | ')} |`,
    ),
    '',
    '`system_admin` is a system-scope role (held on the user, not through a clinic membership).',
    '',
    '`support_read` and `support_write` are code-level pseudo roles (`lib/auth/permissions.ts`,',
    '`SUPPORT_ROLE_PERMISSIONS`; no row in `roles`, no membership): an operator works under one of',
    'them in a clinic only while a support session opened with `support.open` is live (at most 60',
    'minutes; re-checked in the database on every request). Read-only holds the read permissions of',
    '`clinic_admin` but no download: on-screen views are audited record by record, a download takes a',
    'whole export or document out. Write adds patient, appointment and settings writes, but never',
    '`members.manage` (support must not leave a way in behind, nor end its own oversight) and never',
    'exports. Every clinic audit row written during support names the support session and is',
    'mirrored to the system log as `support.<action>`.',
    '',
    '## What each permission gates',
    '',
  ];

  for (const p of permissions) {
    const holders = ROLES.filter((r) => holds(r, p));
    const actions = endpoints.filter((e) => e.kind === 'action' && e.permission === p);
    const routes = endpoints.filter((e) => e.kind === 'route' && e.permission === p);
    const gatedPages = pages.filter((g) => g.permission === p);
    lines.push(`### \`${p}\``, '', `${PERMISSIONS[p]}.`, '');
    lines.push(`- **Gates:** ${GATES[p]}`);
    lines.push(`- **Held by:** ${holders.map((r) => `\`${r}\``).join(', ') || 'no role'}`);
    const checked = [
      ...actions.map(
        (e) => `action \`${e.kind === 'action' ? e.exportName : ''}\` (\`${e.file}\`)`,
      ),
      ...routes.map(
        (e) => `route \`${e.kind === 'route' ? `${e.method} ${e.urlPath}` : ''}\` (\`${e.file}\`)`,
      ),
      ...gatedPages.map((g) => `page \`${g.urlPath}\` (\`${g.file}\`)`),
    ];
    if (checked.length === 0) lines.push('- **Checked by:** nothing yet');
    else lines.push('- **Checked by:**', ...checked.map((c) => `  - ${c}`));
    lines.push('');
  }

  const other = endpoints.filter(
    (e) => e.kind === 'action' && !(e.permission && Object.hasOwn(PERMISSIONS, e.permission)),
  );
  lines.push(
    '## Actions outside the catalogue',
    '',
    'These declare no catalogue permission, on purpose: `own-session` actions act only on the',
    "caller's own session (any signed-in, enabled user, re-checked in the database); `public` ones",
    'work without a session.',
    '',
  );
  if (other.length === 0) lines.push('None.');
  for (const e of other) {
    if (e.kind !== 'action') continue;
    lines.push(`- \`${e.exportName}\` (\`${e.file}\`): \`${e.permission ?? 'none declared'}\``);
  }
  lines.push('');
  return lines.join('\n');
}

/** The doc as committed: rendered, then formatted with the repo's Prettier settings, so that
 * `prettier --write .` leaves it alone. */
export async function renderFromRepo(root = process.cwd()): Promise<string> {
  const target = path.join(root, DOC_PATH);
  const options = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(renderPermissionsDoc(collectEndpointSources(root)), {
    ...options,
    filepath: target,
  });
}

async function main(): Promise<void> {
  const root = process.cwd();
  const target = path.join(root, DOC_PATH);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, await renderFromRepo(root));
  console.log(`wrote ${DOC_PATH}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  await main();
