/**
 * The printable patient summary: an A4 PDF with the clinic's name and timezone, the patient's
 * demographics, their upcoming and past appointments (times in the clinic's timezone), when it
 * was generated and page numbers. Rendered by pdfkit straight into a stream.
 */
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { patients } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { patientAppointmentRows } from '@/lib/appointments/patient-appointments';
import { STATUS_LABELS, type AppointmentStatus } from '@/lib/appointments/schemas';
import {
  formatInstant,
  formatInstantDate,
  formatInstantTime,
  type TimeFormat,
} from '@/lib/dates/format';
import { SEX_LABELS } from '@/lib/patients/constants';
import type { PatientDemographics } from '@/lib/patients/types';

/** Appointments listed per section; the summary says when there are more. */
export const SUMMARY_APPOINTMENTS = 50;

interface SummaryAppointment {
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  reason: string | null;
  practitioner: string;
}

export interface PatientSummaryData {
  patient: PatientDemographics;
  upcoming: SummaryAppointment[];
  past: SummaryAppointment[];
}

async function appointmentsOf(
  t: TenantScope,
  patientId: string,
  when: 'upcoming' | 'past',
  now: Date,
): Promise<SummaryAppointment[]> {
  const rows = await patientAppointmentRows(t, patientId, when, now, SUMMARY_APPOINTMENTS + 1);
  return rows.map((r) => ({
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    reason: r.reason,
    practitioner: r.practitionerName ?? 'Former staff member',
  }));
}

/** The patient and their appointments, or null when the patient is not (or no longer) there. */
export async function loadPatientSummary(
  t: TenantScope,
  patientId: string,
  now: Date,
): Promise<PatientSummaryData | null> {
  const p = await t.findById(patients, patientId);
  if (!p) return null;
  return {
    patient: {
      mrn: p.mrn,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      phone: p.phone,
      email: p.email,
      addressLine: p.addressLine,
      city: p.city,
      postalCode: p.postalCode,
    },
    upcoming: await appointmentsOf(t, patientId, 'upcoming', now),
    past: await appointmentsOf(t, patientId, 'past', now),
  };
}

const MARGIN = 50;
const GREY = '#475569';

/**
 * Renders the summary. The document streams out as it is written; pages are kept until the end
 * only so that "Page n of N" can be stamped on each (a summary is a few pages at most).
 */
export function renderPatientSummaryPdf(
  data: PatientSummaryData,
  clinic: { name: string; timezone: string; timeFormat: TimeFormat },
  generatedAt: Date,
): Readable {
  const zone = clinic.timezone;
  const clock = { timeZone: zone, timeFormat: clinic.timeFormat };
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // No PHI in the document metadata: the title names the clinic, not the patient.
    info: { Title: `Patient summary - ${clinic.name}`, Creator: clinic.name, Producer: 'Clinic' },
  });
  const width = doc.page.width - MARGIN * 2;

  // Header: the clinic and its timezone.
  doc.font('Helvetica-Bold').fontSize(16).text(clinic.name, { width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text(`Times are in the clinic's timezone: ${zone}`, { width });
  doc.moveDown(0.8).fillColor('black');
  doc.font('Helvetica-Bold').fontSize(20).text('Patient summary', { width });
  doc.moveDown(0.6);

  // Demographics.
  const p = data.patient;
  doc.font('Helvetica-Bold').fontSize(13).text(`${p.familyName}, ${p.givenName}`, { width });
  doc.moveDown(0.3);
  const address = [p.addressLine, [p.postalCode, p.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const fields: [string, string][] = [
    ['MRN', p.mrn],
    ['Date of birth', p.dateOfBirth],
    ['Sex', SEX_LABELS[p.sex]],
    ['Phone', p.phone ?? '—'],
    ['Email', p.email ?? '—'],
    ['Address', address || '—'],
  ];
  doc.fontSize(10);
  for (const [label, value] of fields) {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true, width });
    doc.font('Helvetica').text(value);
  }

  const section = (title: string, rows: SummaryAppointment[], empty: string) => {
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(13).text(title, MARGIN, undefined, { width });
    doc.moveDown(0.3).fontSize(10);
    if (rows.length === 0) {
      doc.font('Helvetica').fillColor(GREY).text(empty, { width }).fillColor('black');
      return;
    }
    for (const a of rows.slice(0, SUMMARY_APPOINTMENTS)) {
      const when = `${formatInstantDate(a.startsAt, clock, { weekday: true })}, ${formatInstantTime(a.startsAt, clock)}–${formatInstantTime(a.endsAt, clock)}`;
      doc.font('Helvetica-Bold').text(when, { continued: true, width });
      doc.font('Helvetica').text(`  ${STATUS_LABELS[a.status]} · ${a.practitioner}`);
      if (a.reason) doc.fillColor(GREY).text(a.reason, { width, indent: 12 }).fillColor('black');
      doc.moveDown(0.2);
    }
    if (rows.length > SUMMARY_APPOINTMENTS) {
      doc
        .fillColor(GREY)
        .text(`Only the ${SUMMARY_APPOINTMENTS} nearest are listed.`, { width })
        .fillColor('black');
    }
  };
  section('Upcoming appointments', data.upcoming, 'No upcoming appointments.');
  section('Past appointments', data.past, 'No past appointments.');

  // Footer on every page: when it was generated and "Page n of N".
  const generated = `Generated ${formatInstant(generatedAt, clock)} (${zone})`;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 15;
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(generated, MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN, y, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc as unknown as Readable;
}
