import type { Metadata } from 'next';
import Link from 'next/link';
import type { SearchParams } from 'nuqs/server';
import { BookAppointmentForm } from '@/components/appointments/appointment-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { clinicToday, findPatientChoice } from '@/lib/data/appointments';

export const metadata: Metadata = { title: 'Book an appointment' };

export default clinicPage('appointments.manage', NewAppointmentPage);

async function NewAppointmentPage(
  ctx: ClinicContext,
  {
    searchParams,
  }: {
    searchParams: Promise<SearchParams>;
  },
) {
  const { patientId } = await searchParams;
  // `?patientId=` (from a patient's page) prefills the patient, if it is this clinic's and the
  // user may see patients; anything else is ignored.
  const initialPatient =
    typeof patientId === 'string' && can(ctx, 'patients.read')
      ? ((await findPatientChoice(ctx, patientId)) ?? null)
      : null;
  const { today, timeZone, timeFormat } = await clinicToday(ctx);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href="/appointments" className="text-sm font-medium text-brand-700 hover:underline">
          ← Appointments
        </Link>
      </div>
      <PageHeader
        title="Book an appointment"
        description={`Enter the time as the clinic sees it (${timeZone}).`}
      />
      <Card>
        <CardBody className="py-6">
          <BookAppointmentForm
            timeZone={timeZone}
            timeFormat={timeFormat}
            today={today}
            initialPatient={initialPatient}
          />
        </CardBody>
      </Card>
    </div>
  );
}
