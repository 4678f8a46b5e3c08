import 'server-only';
import { clinicDisplayName } from '@/lib/data/settings';
import { UnauthenticatedError } from '@/lib/errors';
import type { LiveSupport } from '@/lib/control/support/live';
import { requireAccountUser, type UserContext } from './context';
import { roleHasPermission, type Permission } from './permissions';
import { userClinics } from './request-reads';

export interface NavItem {
  href: string;
  label: string;
}

/** What the header shows: a DTO, so components never touch the database. */
export interface HeaderState {
  userId: string;
  userName: string;
  userEmail: string;
  /** With the user's role in each (the chooser shows it). */
  clinics: { id: string; name: string; roleName: string }[];
  activeClinicId: string | null;
  activeRoleName: string | null;
  globalMode: boolean;
  canEnterGlobalMode: boolean;
  nav: NavItem[];
  /** Live support access (components/support-banner.tsx); the clinic switcher is hidden then. */
  support: SupportBannerState | null;
}

export interface SupportBannerState {
  clinicName: string;
  reason: string;
  writeAccess: boolean;
  expiresAt: string;
}

/** Each page of the clinic workspace, shown only to roles holding its permission. */
const CLINIC_NAV: (NavItem & { permission?: Permission })[] = [
  { href: '/', label: 'Home' },
  { href: '/patients', label: 'Patients', permission: 'patients.read' },
  { href: '/appointments', label: 'Appointments', permission: 'appointments.read' },
  { href: '/exports', label: 'Exports', permission: 'exports.read' },
  { href: '/members', label: 'Members', permission: 'members.read' },
  { href: '/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/settings', label: 'Settings', permission: 'settings.read' },
];

export async function loadHeaderState(): Promise<HeaderState | null> {
  let ctx;
  try {
    // A user who must enrol in MFA still gets the header (sign out, the way to /account).
    ctx = await requireAccountUser();
  } catch (err) {
    if (err instanceof UnauthenticatedError) return null;
    throw err;
  }
  if (ctx.support) return supportHeader(ctx, ctx.support);
  const clinics = await userClinics(ctx.user.id);
  // The role shown and the links offered come from the live membership, not the token.
  const active = clinics.find((c) => c.clinicId === ctx.session.activeClinicId);
  const globalMode = ctx.session.globalMode;
  const nav = globalMode
    ? [{ href: '/admin', label: 'Control plane' }]
    : active
      ? CLINIC_NAV.filter((n) => !n.permission || roleHasPermission(active.roleId, n.permission))
      : [];
  // The active clinic shows under its display name setting, when it has one (one transaction).
  const activeName = active && !globalMode ? await headerClinicName(active) : null;
  return {
    userId: ctx.user.id,
    userName: ctx.user.name,
    userEmail: ctx.user.email,
    clinics: clinics.map((c) => ({
      id: c.clinicId,
      name: c.clinicId === active?.clinicId && activeName ? activeName : c.clinicName,
      roleName: c.roleName,
    })),
    activeClinicId: active?.clinicId ?? null,
    activeRoleName: active?.roleName ?? null,
    globalMode,
    canEnterGlobalMode: roleHasPermission(ctx.user.systemRoleId, 'control_plane.access'),
    nav,
    support: null,
  };
}

/**
 * The header during support access: the support clinic and the support role's pages. Leaving is
 * the banner's "End support access" (which also ends the support session), so neither the clinic
 * switcher nor the global-mode button is offered.
 */
function supportHeader(ctx: UserContext, support: LiveSupport): HeaderState {
  const role = support.writeAccess ? 'support_write' : 'support_read';
  const roleName = support.writeAccess ? 'Support (write)' : 'Support (read-only)';
  return {
    userId: ctx.user.id,
    userName: ctx.user.name,
    userEmail: ctx.user.email,
    clinics: [{ id: support.clinicId, name: support.clinicName, roleName }],
    activeClinicId: support.clinicId,
    activeRoleName: roleName,
    globalMode: false,
    canEnterGlobalMode: false,
    nav: CLINIC_NAV.filter((n) => !n.permission || roleHasPermission(role, n.permission)),
    support: {
      clinicName: support.clinicName,
      reason: support.reason,
      writeAccess: support.writeAccess,
      expiresAt: support.expiresAt.toISOString(),
    },
  };
}

/**
 * The active clinic's display name for the header. The membership was just read live from the
 * database, so its clinic id is the server's own. The header is on every page: a broken setting
 * must not take them all down, so it falls back to the clinic's name (and logs).
 */
async function headerClinicName(active: { clinicId: string; clinicName: string }): Promise<string> {
  try {
    return await clinicDisplayName(active);
  } catch (err) {
    console.error('[header] could not read the clinic display name', err);
    return active.clinicName;
  }
}
