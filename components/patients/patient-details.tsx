'use client';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { SEX_LABELS } from '@/lib/patients/constants';
import { formatDay } from '@/lib/dates/format';
import type { PatientFormValues } from '@/lib/patients/schema';
import type { PatientDemographics } from '@/lib/patients/types';
import { EditPatientForm } from './patient-form';

export interface PatientDetailsView extends Omit<PatientDemographics, 'mrn'> {
  id: string;
  portalEmail: string | null;
  /** "42 years" (computed on the server in the clinic's timezone). */
  age: string;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">
        {children ?? <span className="text-slate-400">Not recorded</span>}
      </dd>
    </div>
  );
}

/** The demographics card: read-only, or the edit form in its place when the user may edit. */
export function PatientDetails({
  patient,
  canEdit,
}: {
  patient: PatientDetailsView;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const initial: PatientFormValues = {
    givenName: patient.givenName,
    familyName: patient.familyName,
    dateOfBirth: patient.dateOfBirth,
    sex: patient.sex,
    phone: patient.phone ?? '',
    email: patient.email ?? '',
    addressLine: patient.addressLine ?? '',
    city: patient.city ?? '',
    postalCode: patient.postalCode ?? '',
    portalEmail: patient.portalEmail ?? '',
  };
  const address = [
    patient.addressLine,
    [patient.postalCode, patient.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Card aria-labelledby="details-heading">
      <CardHeader
        id="details-heading"
        title={editing ? 'Edit details' : 'Details'}
        actions={
          canEdit &&
          !editing && (
            <Button
              id="edit-details"
              variant="secondary"
              size="sm"
              onClick={() => setEditing(true)}
            >
              Edit details
            </Button>
          )
        }
      />
      <CardBody>
        {editing ? (
          <EditPatientForm
            patientId={patient.id}
            initial={initial}
            onDone={() => {
              setEditing(false);
              // Back to where the user started: the edit button.
              requestAnimationFrame(() => document.getElementById('edit-details')?.focus());
            }}
          />
        ) : (
          <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
            <Item label="Given name">{patient.givenName}</Item>
            <Item label="Family name">{patient.familyName}</Item>
            <Item label="Date of birth">
              {formatDay(patient.dateOfBirth, { weekday: false })}{' '}
              <span className="text-slate-500">({patient.age})</span>
            </Item>
            <Item label="Sex">{SEX_LABELS[patient.sex]}</Item>
            <Item label="Phone">{patient.phone}</Item>
            <Item label="Email">{patient.email}</Item>
            <Item label="Address">{address || null}</Item>
            <Item label="Patient portal account">{patient.portalEmail ?? 'None linked'}</Item>
          </dl>
        )}
      </CardBody>
    </Card>
  );
}
