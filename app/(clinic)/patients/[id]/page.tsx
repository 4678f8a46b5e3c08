import { tz } from '@date-fns/tz';
import { differenceInYears, format } from 'date-fns';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { AppointmentStatusBadge } from '@/components/appointments/status-badge';
import { PatientSummaryButton } from '@/components/exports/export-buttons';
import { PatientDetails } from '@/components/patients/patient-details';
import { PatientDocuments } from '@/components/patients/patient-documents';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { can, requirePermission, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listPatientDocuments } from '@/lib/data/patient-documents';
import { getPatientForView } from '@/lib/data/patients';
import { NotFoundError } from '@/lib/errors';
import type { PatientAppointment, PatientDetail } from '@/lib/patients/types';

const idSchema = z.uuid();

/**
 * The record, read (and its view audited) once per request: the tab title and the page share it.
 * A malformed id and another clinic's id end on the same 404 page as a missing one.
 */
const viewPatient = cache(async (id: string) => {
  if (!idSchema.safeParse(id).success) notFound();
  return loadOr404(await requirePermission('patients.read'), id);
});

// A record page is named by its MRN only: no PHI in titles, tabs or browser history.
export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  try {
    return { title: `${(await viewPatient((await params).id)).mrn} · Patient` };
  } catch (err) {
    // Redirects and 404s go on; any other refusal is the page's to show (clinicPage).
    unstable_rethrow(err);
    return { title: 'Patient' };
  }
}

async function loadOr404(ctx: Parameters<typeof getPatientForView>[0], id: string) {
  try {
    return await getPatientForView(ctx, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

function ageOf(p: PatientDetail): string {
  const today = format(new Date(), 'yyyy-MM-dd', { in: tz(p.timeZone) });
  const years = differenceInYears(
    new Date(`${today}T00:00:00`),
    new Date(`${p.dateOfBirth}T00:00:00`),
  );
  return years === 1 ? '1 year' : `${years} years`;
}

export default clinicPage('patients.read', PatientPage);

async function PatientPage(ctx: ClinicContext, { params }: { params: Promise<{ id: string }> }) {
  const patient = await viewPatient((await params).id);
  const documents = await listPatientDocuments(ctx, patient.id);
  const canEdit = can(ctx, 'patients.update');
  const canExport = can(ctx, 'patients.export');

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          href="/patients"
          className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
        >
          Patients
        </Link>
        <span aria-hidden className="px-1.5 text-slate-400">
          /
        </span>
        <span aria-current="page" className="text-slate-600">
          {patient.mrn}
        </span>
      </nav>
      <PageHeader
        title={
          <span data-testid="patient-name">
            {patient.familyName}, {patient.givenName}
          </span>
        }
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone="info">
              <span className="font-mono" data-testid="patient-mrn">
                {patient.mrn}
              </span>
            </Badge>
            <span>
              Registered{' '}
              {format(new Date(patient.createdAt), 'd MMM yyyy', { in: tz(patient.timeZone) })}
            </span>
          </span>
        }
        actions={canExport && <PatientSummaryButton patientId={patient.id} />}
      />
      <PatientDetails
        canEdit={canEdit}
        patient={{
          id: patient.id,
          givenName: patient.givenName,
          familyName: patient.familyName,
          dateOfBirth: patient.dateOfBirth,
          sex: patient.sex,
          phone: patient.phone,
          email: patient.email,
          addressLine: patient.addressLine,
          city: patient.city,
          postalCode: patient.postalCode,
          portalEmail: patient.portalEmail,
          age: ageOf(patient),
        }}
      />
      <AppointmentsCard
        id="upcoming"
        title="Upcoming appointments"
        empty="No upcoming appointments."
        rows={patient.upcoming}
        timeZone={patient.timeZone}
      />
      <AppointmentsCard
        id="past"
        title="Past appointments"
        empty="No past appointments."
        rows={patient.past}
        timeZone={patient.timeZone}
      />
      <PatientDocuments
        patientId={patient.id}
        documents={documents}
        timeZone={patient.timeZone}
        canUpload={canEdit}
        canDownload={can(ctx, 'exports.download')}
      />
    </div>
  );
}

function AppointmentsCard({
  id,
  title,
  empty,
  rows,
  timeZone,
}: {
  id: string;
  title: string;
  empty: string;
  rows: PatientAppointment[];
  timeZone: string;
}) {
  const inZone = { in: tz(timeZone) };
  return (
    <Card aria-labelledby={`${id}-heading`}>
      <CardHeader
        id={`${id}-heading`}
        title={title}
        description={`Times in the clinic's timezone (${timeZone}).${rows.length >= 20 ? ' The 20 nearest are shown.' : ''}`}
      />
      <Table caption={title}>
        <THead>
          <TR>
            <TH>Date</TH>
            <TH>Time</TH>
            <TH>Practitioner</TH>
            <TH>Reason</TH>
            <TH>Status</TH>
          </TR>
        </THead>
        <TBody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={5}>{empty}</EmptyRow>
          ) : (
            rows.map((a) => (
              <TR key={a.id} data-testid={`${id}-appointment`}>
                <TD className="whitespace-nowrap">
                  {format(new Date(a.startsAt), 'EEE d MMM yyyy', inZone)}
                </TD>
                <TD className="whitespace-nowrap tabular-nums">
                  {format(new Date(a.startsAt), 'HH:mm', inZone)}–
                  {format(new Date(a.endsAt), 'HH:mm', inZone)}
                </TD>
                <TD>{a.practitionerName}</TD>
                <TD>{a.reason ?? <span className="text-slate-400">—</span>}</TD>
                <TD>
                  <AppointmentStatusBadge status={a.status} />
                </TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </Card>
  );
}
