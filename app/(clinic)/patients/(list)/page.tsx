import type { Metadata } from 'next';
import Link from 'next/link';
import { PatientsCsvButton } from '@/components/exports/export-buttons';
import { PatientTable } from '@/components/patients/patient-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { clinicSettings } from '@/lib/auth/request-reads';
import { listPatients } from '@/lib/data/patient-list';
import { parsePatientListParams } from '@/lib/patients/list-params';

export const metadata: Metadata = { title: 'Patients' };

export default clinicPage('patients.read', PatientsPage);

async function PatientsPage(
  ctx: ClinicContext,
  {
    searchParams,
  }: {
    searchParams: Promise<Record<string, string | string[] | undefined>>;
  },
) {
  // Bad values (page=-1, sort=password, size=1000) fall back to defaults instead of failing; a
  // refused search text (control characters) is named on the page.
  const params = parsePatientListParams(await searchParams);
  // The timezone of the "added" dates comes from the settings the header reads in this request.
  const [data, { timezone }] = await Promise.all([
    listPatients(ctx, params),
    clinicSettings(ctx.clinicId),
  ]);
  const canCreate = can(ctx, 'patients.create');
  const canExport = can(ctx, 'patients.export');
  const { q, sex, dobFrom, dobTo, sort, dir } = params;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Patients"
        description={`Everyone registered at ${ctx.clinicName}. Search by name, MRN, phone, e-mail or date of birth, or narrow by sex and date of birth.`}
        actions={
          (canCreate || canExport) && (
            <>
              {canExport && <PatientsCsvButton filters={{ q, sex, dobFrom, dobTo, sort, dir }} />}
              {canCreate && (
                <Link href="/patients/new" className={buttonClasses('primary')}>
                  New patient
                </Link>
              )}
            </>
          )
        }
      />
      {params.qRefused && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The search text was not applied. {params.qRefused}.
        </p>
      )}
      <PatientTable data={data} timeZone={timezone} canCreate={canCreate} />
    </div>
  );
}
