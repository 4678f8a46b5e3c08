import { describe, expect, it } from 'vitest';
import {
  CLINIC_ROLES,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  SUPPORT_ROLE_PERMISSIONS,
  SYSTEM_ROLES,
  roleHasPermission,
  type Permission,
} from './permissions';

const ALL = Object.keys(PERMISSIONS) as Permission[];
const SYSTEM_ONLY: Permission[] = ['control_plane.access', 'retention.run', 'support.open'];
const CLINIC_PERMISSIONS = ALL.filter((p) => !SYSTEM_ONLY.includes(p));

describe('the role × permission matrix', () => {
  describe('receptionist', () => {
    it.each(['patients.read', 'patients.create', 'appointments.read', 'appointments.manage'])(
      'can %s',
      (p) => expect(roleHasPermission('receptionist', p)).toBe(true),
    );
    it.each(['patients.export', 'exports.download', 'audit.read', 'settings.update'])(
      'cannot %s',
      (p) => expect(roleHasPermission('receptionist', p)).toBe(false),
    );
  });

  it('doctors can export and download', () => {
    expect(roleHasPermission('doctor', 'patients.export')).toBe(true);
    expect(roleHasPermission('doctor', 'exports.download')).toBe(true);
  });

  it('nurses cannot export, create patients or read the audit log', () => {
    for (const p of ['patients.export', 'exports.download', 'patients.create', 'audit.read'])
      expect(roleHasPermission('nurse', p)).toBe(false);
  });

  it('clinic_admin holds every clinic permission and nothing of the control plane', () => {
    for (const p of CLINIC_PERMISSIONS) expect(roleHasPermission('clinic_admin', p)).toBe(true);
    for (const p of SYSTEM_ONLY) expect(roleHasPermission('clinic_admin', p)).toBe(false);
  });

  it.each(SYSTEM_ONLY)('only system_admin holds %s', (p) => {
    const holders = [...CLINIC_ROLES, ...SYSTEM_ROLES].filter((r) => roleHasPermission(r, p));
    expect(holders).toEqual(['system_admin']);
  });

  it('system_admin holds no clinic permission (it works through the control plane only)', () => {
    for (const p of CLINIC_PERMISSIONS) expect(roleHasPermission('system_admin', p)).toBe(false);
  });

  it('denies by default: unknown roles, unknown permissions, empty values', () => {
    expect(roleHasPermission('superuser', 'patients.read')).toBe(false);
    expect(roleHasPermission('Doctor', 'patients.read')).toBe(false);
    expect(roleHasPermission('doctor', 'patients.delete')).toBe(false);
    expect(roleHasPermission('doctor', 'PATIENTS.READ')).toBe(false);
    expect(roleHasPermission('doctor', '')).toBe(false);
    expect(roleHasPermission(null, 'patients.read')).toBe(false);
    expect(roleHasPermission(undefined, 'patients.read')).toBe(false);
    expect(roleHasPermission('', 'patients.read')).toBe(false);
  });

  it('is not fooled by inherited object keys', () => {
    expect(roleHasPermission('constructor', 'patients.read')).toBe(false);
    expect(roleHasPermission('__proto__', 'patients.read')).toBe(false);
    expect(roleHasPermission('toString', 'length')).toBe(false);
  });

  it('grants only permissions from the catalogue, each at most once', () => {
    for (const [role, grants] of Object.entries(ROLE_PERMISSIONS)) {
      expect(new Set(grants).size, role).toBe(grants.length);
      for (const p of grants) expect(ALL, `${role} → ${p}`).toContain(p);
    }
  });

  it('has an entry for every role', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...CLINIC_ROLES, ...SYSTEM_ROLES].sort());
  });
});

describe('support pseudo roles (support access, lib/control/support)', () => {
  it('read-only holds the read permissions of clinic_admin and nothing that writes or downloads', () => {
    for (const p of SUPPORT_ROLE_PERMISSIONS.support_read) {
      expect(p.endsWith('.read'), p).toBe(true);
      expect(roleHasPermission('clinic_admin', p)).toBe(true);
    }
    for (const p of ['patients.create', 'patients.update', 'exports.download', 'settings.update'])
      expect(roleHasPermission('support_read', p), p).toBe(false);
  });

  it('write never manages members, never exports, never reaches the control plane', () => {
    expect(roleHasPermission('support_write', 'patients.update')).toBe(true);
    for (const p of [
      'members.manage',
      'patients.export',
      'exports.download',
      'support.open',
      ...SYSTEM_ONLY,
    ])
      expect(roleHasPermission('support_write', p), p).toBe(false);
  });
});
