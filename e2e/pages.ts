/** Page lists that several specs walk (console errors, responsive layout). */

/** Every page of the control plane (global mode). */
export const ADMIN_PAGES = [
  '/admin',
  '/admin/clinics',
  '/admin/users',
  '/admin/memberships',
  '/admin/roles',
  '/admin/settings',
  '/admin/retention',
  '/admin/support',
];
