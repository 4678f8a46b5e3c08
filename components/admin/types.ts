import type { SettingType } from '@/lib/settings/value';
/**
 * What the control-plane pages hand their client components: plain DTOs (strings, numbers,
 * booleans), never database rows, never a password hash.
 */
export interface Option {
  value: string;
  label: string;
}

export interface ClinicDto {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  active: boolean;
  memberCount: number;
  /** ISO date (yyyy-mm-dd). */
  createdOn: string;
}

export interface UserDto {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
  /** The system role's name (System admin) or null for clinic staff. */
  systemRoleName: string | null;
  membershipCount: number;
  createdOn: string;
  isSelf: boolean;
  /** Two-step sign-in is on, or its set-up was started. */
  mfaOn: boolean;
}

export interface MembershipDto {
  id: string;
  clinicId: string;
  clinicName: string;
  clinicActive: boolean;
  userId: string;
  userName: string;
  userEmail: string;
  roleId: string;
  roleName: string;
}

export interface SettingDefinitionDto {
  key: string;
  label: string;
  description: string;
  type: SettingType;
  /** The default as form text. */
  defaultValue: string;
  clinicOverridable: boolean;
}
