import { describe, expect, it } from 'vitest';
import { safeFilename, storageKey } from './keys';

const clinicId = '11111111-1111-4111-8111-111111111111';
const attachmentId = '22222222-2222-4222-8222-222222222222';

describe('storage keys', () => {
  it('puts every object in its clinic space', () => {
    expect(
      storageKey({ clinicId, purpose: 'export', attachmentId, filename: 'patients.csv' }),
    ).toBe(`clinic_${clinicId}/export/${attachmentId}-patients.csv`);
  });
  it('never lets a filename steer the path', () => {
    const key = storageKey({
      clinicId,
      purpose: 'export',
      attachmentId,
      filename: '../../etc/passwd',
    });
    expect(key).toBe(`clinic_${clinicId}/export/${attachmentId}-passwd`);
    expect(safeFilename('..')).toBe('file');
    expect(safeFilename('a b\u0000c;rm -rf.pdf')).toBe('a_b_c_rm_-rf.pdf');
  });
  it('refuses ids that are not uuids and unknown purposes', () => {
    expect(() =>
      storageKey({ clinicId: '../x', purpose: 'export', attachmentId, filename: 'a' }),
    ).toThrow();
    expect(() => storageKey({ clinicId, purpose: '../x', attachmentId, filename: 'a' })).toThrow();
  });
});
