/**
 * The permission catalogue. Authorization checks these keys, never role names. Roles and their
 * grants are system data seeded by migration (db/migrations/0002_tenant_walls.sql); the
 * permission-matrix test proves the database and this file agree.
 */
export const PERMISSIONS = {
  'patients.read': 'View patients and their records',
  'patients.create': 'Onboard new patients',
  'patients.update': 'Edit patients and attach documents',
  'patients.export': 'Request patient and appointment exports and prints',
  'appointments.read': 'View appointments',
  'appointments.manage': 'Book, edit, cancel and complete appointments',
  'staff.read': 'Search the clinic staff (practitioner picker)',
  'exports.read': 'See the clinic exports page',
  'exports.download': 'Download exports, reports and documents',
  'settings.read': 'View clinic settings',
  'settings.update': 'Change clinic settings',
  'members.read': 'View clinic members and their roles',
  'members.manage': 'Invite members, change their roles and remove them',
  'audit.read': 'Read the clinic audit log',
  'control_plane.access': 'Use the control plane (clinics, users, memberships, definitions)',
  'retention.run': 'Run data retention',
  'support.open': 'Open time-limited support access to a clinic',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const CLINIC_ROLES = ['clinic_admin', 'doctor', 'nurse', 'receptionist'] as const;
export const SYSTEM_ROLES = ['system_admin'] as const;
export type ClinicRole = (typeof CLINIC_ROLES)[number];
/**
 * The clinical roles: the members who see patients and so can be booked for an appointment. A
 * receptionist or a clinic admin holds `appointments.manage` (they book) but is never booked.
 */
export const PRACTITIONER_ROLES = ['doctor', 'nurse'] as const satisfies readonly ClinicRole[];
export type PractitionerRole = (typeof PRACTITIONER_ROLES)[number];
export function isPractitionerRole(role: string): role is PractitionerRole {
  return (PRACTITIONER_ROLES as readonly string[]).includes(role);
}
export type SystemRole = (typeof SYSTEM_ROLES)[number];
export type RoleId = ClinicRole | SystemRole;

const CLINIC_PERMISSIONS = (Object.keys(PERMISSIONS) as Permission[]).filter(
  (p) => p !== 'control_plane.access' && p !== 'retention.run' && p !== 'support.open',
);

/** Which role holds which permission. Mirrored in docs/PERMISSIONS.md. */
export const ROLE_PERMISSIONS: Record<RoleId, readonly Permission[]> = {
  clinic_admin: CLINIC_PERMISSIONS,
  doctor: [
    'patients.read',
    'patients.create',
    'patients.update',
    'patients.export',
    'appointments.read',
    'appointments.manage',
    'staff.read',
    'exports.read',
    'exports.download',
  ],
  nurse: [
    'patients.read',
    'patients.update',
    'appointments.read',
    'appointments.manage',
    'staff.read',
  ],
  receptionist: [
    'patients.read',
    'patients.create',
    'patients.update',
    'appointments.read',
    'appointments.manage',
    'staff.read',
  ],
  system_admin: ['control_plane.access', 'retention.run', 'support.open'],
};

/**
 * The roles an operator works under during support access (lib/control/support/*). Code-level only: no
 * row in `roles`, no membership; the live support session grants them for its clinic.
 * - Read-only sees what a clinic admin sees, but downloads nothing: on-screen views are audited one
 *   record at a time, while a download takes a whole export or document out of the system.
 * - Write adds the day-to-day writes, but never `members.manage` (support must not leave a way in
 *   behind once it has ended, nor end its own oversight) and never exports (`patients.export`,
 *   `exports.download`), for the same reason as above.
 */
export const SUPPORT_ROLES = ['support_read', 'support_write'] as const;
export type SupportRole = (typeof SUPPORT_ROLES)[number];

const SUPPORT_READ: readonly Permission[] = [
  'patients.read',
  'appointments.read',
  'staff.read',
  'exports.read',
  'settings.read',
  'members.read',
  'audit.read',
];

export const SUPPORT_ROLE_PERMISSIONS: Record<SupportRole, readonly Permission[]> = {
  support_read: SUPPORT_READ,
  support_write: [
    ...SUPPORT_READ,
    'patients.create',
    'patients.update',
    'appointments.manage',
    'settings.update',
  ],
};

/** Deny by default: an unknown role or permission grants nothing. */
export function roleHasPermission(roleId: string | null | undefined, permission: string): boolean {
  if (!roleId) return false;
  // Own keys only: `in` would also find inherited names such as "constructor".
  const grants = Object.hasOwn(ROLE_PERMISSIONS, roleId)
    ? ROLE_PERMISSIONS[roleId as RoleId]
    : Object.hasOwn(SUPPORT_ROLE_PERMISSIONS, roleId)
      ? SUPPORT_ROLE_PERMISSIONS[roleId as SupportRole]
      : undefined;
  return (grants as readonly string[] | undefined)?.includes(permission) ?? false;
}
