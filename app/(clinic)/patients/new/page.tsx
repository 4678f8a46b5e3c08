import type { Metadata } from 'next';
import Link from 'next/link';
import { CreatePatientForm } from '@/components/patients/patient-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import type { ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'New patient' };

export default clinicPage('patients.create', NewPatientPage);

async function NewPatientPage(ctx: ClinicContext) {
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
          New patient
        </span>
      </nav>
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
