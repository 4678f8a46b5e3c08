import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { DOC_PATH, REGENERATE, renderFromRepo, renderPermissionsDoc } from './permissions-doc';

describe('docs/PERMISSIONS.md', () => {
  it(`is up to date (regenerate with: ${REGENERATE})`, async () => {
    const committed = fs.existsSync(path.join(process.cwd(), DOC_PATH))
      ? fs.readFileSync(path.join(process.cwd(), DOC_PATH), 'utf8')
      : '(missing)';
    const expected = await renderFromRepo();
    // A plain equality keeps the diff readable; the title says how to fix it.
    expect(committed, `${DOC_PATH} is out of date: run ${REGENERATE}`).toBe(expected);
  });

  it('has a matrix row and a section for every permission', () => {
    const doc = renderPermissionsDoc([]);
    for (const key of Object.keys(PERMISSIONS)) {
      expect(doc).toContain(`| \`${key}\` |`);
      expect(doc).toContain(`### \`${key}\``);
    }
  });

  it('lists the endpoints that check a permission', () => {
    const doc = renderPermissionsDoc([
      {
        path: 'lib/actions/patients/create-patient.ts',
        text: `'use server';
export const createPatientAction = clinicAction
  .metadata({ name: 'createPatient', permission: 'patients.create' })
  .action(async () => {});`,
      },
      {
        path: 'app/(clinic)/api/patients/search/route.ts',
        text: `export const GET = withClinic(async () => new Response(), { permission: 'patients.read' });`,
      },
      {
        path: 'app/(clinic)/patients/page.tsx',
        text: `export default async function P() { await clinicPage('patients.read'); return null; }`,
      },
    ]);
    expect(doc).toContain(
      'action `createPatientAction` (`lib/actions/patients/create-patient.ts`)',
    );
    expect(doc).toContain('route `GET /api/patients/search`');
    expect(doc).toContain('page `/patients` (`app/(clinic)/patients/page.tsx`)');
  });
});
