import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers';

/**
 * Patient documents: attached on the record page, checked by content, listed, and downloaded
 * through the gated route. Each test attaches to its own seeded patient (MRN), so they can run in
 * parallel and again on retry.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function openPatient(page: Page, mrn: string): Promise<void> {
  await page.goto(`/patients?q=${mrn}`);
  await page.getByTestId('patient-row').filter({ hasText: mrn }).getByRole('link').click();
  await expect(page.getByTestId('patient-mrn')).toHaveText(mrn);
}

function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  return page.getByLabel('File to attach').setInputFiles(file);
}

const documents = (page: Page) => page.getByTestId('patient-document');

test.describe('a clinic admin', () => {
  test.use(signedInAs('northsideAdmin'));

  test('attaches a PDF, sees it listed and downloads the same bytes', async ({ page }) => {
    await openPatient(page, 'MRN-000011');
    const name = `referral-${test.info().retry}-${Date.now()}.pdf`;
    await attach(page, { name, mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Upload' }).click();

    const row = documents(page).filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('PDF');
    await expect(page.getByLabel('File to attach')).toHaveValue('');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    expect(fs.readFileSync(await download.path()).equals(PDF)).toBe(true);
  });

  test('gets a clear message for a file that is not a PDF, PNG or JPEG, and nothing is added', async ({
    page,
  }) => {
    await openPatient(page, 'MRN-000012');
    const before = await documents(page).count();
    await attach(page, {
      name: 'lab-results.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00 this is really a program'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();

    await expect(
      page.getByText('Only PDF, PNG or JPEG files can be attached. This file is none of those.'),
    ).toBeVisible();
    await expect(page.getByLabel('File to attach')).toHaveAttribute('aria-invalid', 'true');
    await page.reload();
    await expect(documents(page)).toHaveCount(before);
  });
});

test.describe('a receptionist', () => {
  test.use(signedInAs('reception'));

  test('may attach a document but is offered no download', async ({ page }) => {
    await openPatient(page, 'MRN-000013');
    const name = `consent-${test.info().retry}-${Date.now()}.pdf`;
    await attach(page, { name, mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Upload' }).click();
    const row = documents(page).filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link')).toHaveCount(0);
  });
});
