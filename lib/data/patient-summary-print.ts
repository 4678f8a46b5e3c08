import 'server-only';
import { buffer } from 'node:stream/consumers';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import { localDate } from '@/lib/appointments/time';
import { loadPatientSummary, renderPatientSummaryPdf } from '@/lib/exports/patient-summary-pdf';
import { settingValues } from '@/lib/settings/resolve';

type PrintCtx = Pick<ClinicContext, 'db' | 'user' | 'meta' | 'clinicName'>;

/** The summary to send; null for a malformed id, a missing patient or another clinic's: all the same. */
export type PrintResult = { filename: string; pdf: Buffer } | null;

/** `MRN-000003_summary_2026-12-05.pdf`: the record and the clinic-local day, never the name. */
export function summaryFilename(mrn: string, day: string): string {
  return `${mrn}_summary_${day}.pdf`;
}

/**
 * The patient summary PDF made within the request (the same document the background export
 * stores), for the record page's "Print summary". Audited as a download (`file.download` of the
 * patient, ids only), a failed attempt included. The PDF is a few pages, so it is buffered: the
 * response then carries its length, and a rendering error is a clean error, not a cut-off file.
 */
export async function printPatientSummary(
  ctx: PrintCtx,
  patientId: string,
  now: Date = new Date(),
): Promise<PrintResult> {
  const actor: AuditActor = { userId: ctx.user.id, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
  const valid = z.uuid().safeParse(patientId).success;
  const loaded = await ctx.db.transaction(async (t) => {
    const data = valid ? await loadPatientSummary(t, patientId, now) : null;
    await recordAudit(t, actor, {
      action: 'file.download',
      outcome: data ? 'success' : 'failure',
      entityType: 'patient',
      // A malformed id is user input, not an id: it is not recorded.
      entityId: valid ? patientId : undefined,
      metadata: data
        ? { kind: 'patient_summary_pdf' }
        : { kind: 'patient_summary_pdf', reason: valid ? 'not_found' : 'invalid_id' },
    });
    if (!data) return null;
    const settings = await settingValues(t);
    // The clinic as the background export names it: its display name, else its name.
    const clinic = {
      name: settings.display_name || ctx.clinicName,
      timezone: settings.timezone,
      timeFormat: settings.time_format,
    };
    return { data, clinic };
  });
  if (!loaded) return null;
  const { data, clinic } = loaded;
  const pdf = await buffer(renderPatientSummaryPdf(data, clinic, now));
  return {
    filename: summaryFilename(data.patient.mrn, localDate(now, clinic.timezone)),
    pdf,
  };
}
