/** DTOs the patient pages and components receive: plain data, only what the UI shows. */
import type { TimeFormat } from '@/lib/dates/format';
import type { KeysetPageInfo } from '@/lib/pagination/cursor';
import type { DuplicateReason } from './duplicates';
import type { PatientSex } from './constants';
import type { PageSize, PatientSort, SortDirection } from './list-params';

export interface PatientListRow {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: PatientSex;
  phone: string | null;
  /** ISO instant. */
  createdAt: string;
}

export interface PatientListPage {
  rows: PatientListRow[];
  /** Matching patients: exact for the whole clinic, else counted up to LIST_COUNT_CAP. */
  total: number;
  /** More match than were counted: `total` is a lower bound ("1,000+"). */
  totalCapped: boolean;
  /** The page shown and its neighbours (keyset cursors). */
  pager: KeysetPageInfo;
  size: PageSize;
  sort: PatientSort;
  dir: SortDirection;
}

export interface PatientSearchItem {
  id: string;
  /** "Garcia, Maria" */
  label: string;
  mrn: string;
  dateOfBirth: string;
}

export interface PossibleDuplicate {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  mrn: string;
  reason: DuplicateReason;
}

export interface PatientAppointment {
  id: string;
  /** ISO instants; the page formats them in the clinic's timezone. */
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show';
  reason: string | null;
  practitionerName: string;
}

/** What a patient's record says about the person: the record page and the printed summary. */
export interface PatientDemographics {
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: PatientSex;
  phone: string | null;
  email: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
}

export interface PatientDetail extends PatientDemographics {
  id: string;
  /** E-mail of the linked portal account, if any. */
  portalEmail: string | null;
  createdAt: string;
  updatedAt: string;
  /** The clinic's timezone and 12/24-hour settings: appointment times are shown in them. */
  timeZone: string;
  timeFormat: TimeFormat;
  upcoming: PatientAppointment[];
  past: PatientAppointment[];
}

export type CreatePatientResult =
  | { status: 'created'; id: string; mrn: string }
  | { status: 'duplicates'; duplicates: PossibleDuplicate[] };

export type UpdatePatientResult = { status: 'updated'; id: string };
