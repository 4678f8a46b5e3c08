import { buttonClasses } from '@/components/ui/button';
import { patientSummaryUrl } from '@/lib/exports/types';

/**
 * "Print summary" on the record: a plain link to the PDF route, which answers with an attachment,
 * so the browser downloads it at once (no queue, works without JavaScript). Rendered only for
 * roles that may download; the route re-checks.
 */
export function PrintSummaryLink({ patientId }: { patientId: string }) {
  return (
    <a
      href={patientSummaryUrl(patientId)}
      download
      className={buttonClasses('secondary')}
      data-testid="print-summary"
    >
      Print summary (PDF)
    </a>
  );
}
