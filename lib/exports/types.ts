/** What the exports page and its polling route show. Plain data: client components import it. */
import type { KeysetPageInfo } from '@/lib/pagination/cursor';

export const EXPORT_KIND_LABELS = {
  patients_csv: 'Patient list (CSV)',
  appointments_csv: 'Appointments (CSV)',
  patient_summary_pdf: 'Patient summary (PDF)',
  monthly_report: 'Monthly report',
} as const;

export type ExportKindName = keyof typeof EXPORT_KIND_LABELS;
export type ExportStatusName = 'queued' | 'running' | 'done' | 'failed';

/**
 * The file an export produced: `available` (downloadable), `replaced` (a newer export of the same
 * list or patient replaced it), `expired` (retention removed it), or `none` (not produced).
 */
export type ExportFileState =
  | { state: 'available'; attachmentId: string; filename: string; size: number }
  | { state: 'replaced' | 'expired' | 'none' };

export interface ExportListItem {
  id: string;
  kind: ExportKindName;
  kindLabel: string;
  /** What was asked for, in words (filters, date range, MRN); never more than the page shows. */
  description: string;
  requestedBy: string;
  createdAt: string;
  /** Created, in the clinic's timezone, e.g. "4 Mar 2026, 14:05". */
  createdLabel: string;
  status: ExportStatusName;
  /** 0–100. */
  progress: number;
  rowCount: number | null;
  failureReason: string | null;
  file: ExportFileState;
}

export interface ExportListResponse {
  exports: ExportListItem[];
  timeZone: string;
  /** Whether the viewer may download (exports.download); the page says so when not. */
  canDownload: boolean;
  /** The page shown and its neighbours (keyset cursors). */
  pager: KeysetPageInfo;
  pageSize: number;
  /** The clinic's exports, counted up to LIST_COUNT_CAP. */
  total: number;
  totalCapped: boolean;
}

export function isActive(status: ExportStatusName): boolean {
  return status === 'queued' || status === 'running';
}

/** The only download URL: the gated route. */
export function downloadUrl(attachmentId: string): string {
  return `/file/download/${attachmentId}`;
}

/** The result of requesting an export. */
export interface RequestExportResult {
  exportId: string;
  status: ExportStatusName;
  /**
   * True when no new export was started: the same export was already queued or running, or this
   * request repeated one (same idempotency key) and gets that one, whatever its status.
   */
  alreadyRunning: boolean;
}

/** "Print summary": the PDF made within the request (app/file/patient-summary), as an attachment. */
export function patientSummaryUrl(patientId: string): string {
  return `/file/patient-summary/${patientId}`;
}
