import type { Metadata } from 'next';
import { CreatePatientForm } from '@/components/patients/patient-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import type { ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'New patient' };

export default clinicPage('patients.create', NewPatientPage);

async function NewPatientPage(ctx: ClinicContext) {
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/patients', label: 'Patients' }]} current="New patient" />
      <PageHeader
        title="New patient"
        description={`Register a patient at ${ctx.clinicName}. The medical record number is assigned when you save.`}
      />
      <Card>
        <CardBody>
          <CreatePatientForm />
        </CardBody>
      </Card>
    </div>
  );
}
