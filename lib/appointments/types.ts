/**
 * DTOs the appointment pages and components receive. Types only: lib/data builds them, components
 * render them, and neither side sees a database row.
 */
import type { KeysetPageInfo } from '@/lib/pagination/cursor';
import type { TimeFormat } from '@/lib/dates/format';
import type { AppointmentStatus } from './schemas';

export interface AppointmentListItem {
  id: string;
  /** ISO instants (UTC). */
  startsAt: string;
  endsAt: string;
  /** Clinic-local calendar date and wall-clock times, formatted on the server. */
  localDate: string;
  localStart: string;
  localEnd: string;
  status: AppointmentStatus;
  reason: string | null;
  /** Booked outside the working hours, confirmed by the booker. */
  outsideHours: boolean;
  patient: { id: string; name: string; mrn: string };
  practitioner: { id: string; name: string };
}

export interface AppointmentPage {
  timeZone: string;
  timeFormat: TimeFormat;
  /** The clinic's date today: list rows show the year only when it differs. */
  today: string;
  from: string;
  to: string;
  status: AppointmentStatus | null;
  /** The page shown and its neighbours (keyset cursors). */
  pager: KeysetPageInfo;
  pageSize: number;
  /** Matching appointments, counted up to LIST_COUNT_CAP. */
  total: number;
  /** More match than were counted: `total` is a lower bound. */
  totalCapped: boolean;
  rows: AppointmentListItem[];
}

export interface AppointmentDetail extends AppointmentListItem {
  timeZone: string;
  timeFormat: TimeFormat;
  durationMinutes: number;
  patient: AppointmentListItem['patient'] & { dateOfBirth: string };
  practitioner: AppointmentListItem['practitioner'] & { role: string; roleName: string };
  /** True once the start time has passed: completion and no-show make sense from then on. */
  started: boolean;
}

/** What the pickers show for a chosen patient or practitioner (also used to prefill forms). */
export interface PatientChoice {
  id: string;
  label: string;
  mrn: string;
  dateOfBirth: string;
}

export interface PractitionerChoice {
  id: string;
  label: string;
  role: string;
  email: string;
}
