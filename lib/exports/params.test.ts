import { describe, expect, it } from 'vitest';
import {
  appointmentsCsvInputSchema,
  canonicalAppointmentsParams,
  canonicalJson,
  canonicalPatientsParams,
  parseStoredRequest,
  patientsCsvInputSchema,
  requestKeyOf,
} from './params';

const patientsKey = (input: unknown) =>
  requestKeyOf({
    kind: 'patients_csv',
    params: canonicalPatientsParams(patientsCsvInputSchema.parse(input)),
  });

describe('export request keys', () => {
  it('are the same for the same filter however it is written', () => {
    expect(patientsKey({})).toBe(patientsKey({ q: '  ', sort: 'family', dir: 'asc', sex: null }));
    expect(patientsKey({ q: ' gar ', sex: 'female' })).toBe(
      patientsKey({ sex: 'female', q: 'gar', dobFrom: undefined }),
    );
    expect(patientsKey({})).toBe(
      'patients_csv:{"dir":"asc","dobFrom":null,"dobTo":null,"q":"","sex":null,"sort":"family"}',
    );
  });

  it('differ when the filter or the order differs', () => {
    const keys = new Set([
      patientsKey({}),
      patientsKey({ q: 'gar' }),
      patientsKey({ sex: 'male' }),
      patientsKey({ dobFrom: '1980-01-01' }),
      patientsKey({ sort: 'dob' }),
      patientsKey({ dir: 'desc' }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});

describe('export inputs', () => {
  it('are strict: unknown keys (a clinicId, say) and bad values are refused', () => {
    expect(patientsCsvInputSchema.safeParse({ clinicId: 'x' }).success).toBe(false);
    expect(patientsCsvInputSchema.safeParse({ sex: 'robot' }).success).toBe(false);
    expect(patientsCsvInputSchema.safeParse({ dobFrom: '2023-02-30' }).success).toBe(false);
    expect(patientsCsvInputSchema.safeParse({ sort: 'password' }).success).toBe(false);
    expect(
      appointmentsCsvInputSchema.safeParse({ from: '2030-01-02', to: '2030-01-01' }).success,
    ).toBe(false);
    expect(
      canonicalAppointmentsParams(
        appointmentsCsvInputSchema.parse({ from: '2030-01-01', to: '2030-01-01' }),
      ),
    ).toEqual({ from: '2030-01-01', to: '2030-01-01', status: null });
  });

  it('stored params are validated again before a job uses them', () => {
    expect(parseStoredRequest('patients_csv', canonicalPatientsParams({}))).not.toBeNull();
    expect(parseStoredRequest('patients_csv', { q: 'x' })).toBeNull();
    expect(parseStoredRequest('patient_summary_pdf', { patientId: 'nope' })).toBeNull();
    expect(parseStoredRequest('monthly_report', { period: '2026-01' })).not.toBeNull();
    expect(parseStoredRequest('monthly_report', { period: '2026-13' })).toBeNull();
    expect(parseStoredRequest('constructor', {})).toBeNull();
  });
});
