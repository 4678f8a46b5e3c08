import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { countOf } from '@/lib/audit/labels';
import { serializeAuditSearchParams, type AuditQuery } from '@/lib/audit/query';

/** Previous / next links that keep the filters; plain links, so they work without JavaScript. */
export function AuditPagination({
  query,
  page,
  pageCount,
  total,
  totalCapped,
  shown,
}: {
  query: AuditQuery;
  page: number;
  pageCount: number;
  total: number;
  /** More events match than were counted: `total` is a lower bound. */
  totalCapped: boolean;
  shown: number;
}) {
  const href = (p: number) =>
    serializeAuditSearchParams('/audit', {
      page: p,
      size: query.pageSize,
      actor: query.actor,
      action: query.action,
      from: query.from,
      to: query.to,
    });
  const first = total === 0 ? 0 : (page - 1) * query.pageSize + 1;
  const last = total === 0 ? 0 : first + shown - 1;
  const linkClasses = buttonClasses('secondary', 'sm');
  const disabledClasses = cn(linkClasses, 'pointer-events-none opacity-50');
  return (
    <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="audit-range">
        {total === 0
          ? 'No events'
          : totalCapped
            ? `${first}–${last} of more than ${countOf(total, 'event')} · page ${page} of ${pageCount}+ (narrow the dates or filters to reach older events)`
            : `${first}–${last} of ${countOf(total, 'event')} · page ${page} of ${pageCount}`}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={linkClasses} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={disabledClasses} aria-disabled="true">
            Previous
          </span>
        )}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={linkClasses} rel="next">
            Next
          </Link>
        ) : (
          <span className={disabledClasses} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
