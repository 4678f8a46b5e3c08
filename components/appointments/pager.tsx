import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/**
 * Previous / next links for a server-paged list. Plain links: they work without JavaScript,
 * open in new tabs and keep the other URL parameters (the caller builds each href).
 */
export function Pager({
  page,
  pageCount,
  total,
  pageSize,
  hrefFor,
  noun,
}: {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  hrefFor: (page: number) => string;
  noun: [singular: string, plural: string];
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const disabled = cn(buttonClasses('secondary', 'sm'), 'pointer-events-none opacity-50');
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600"
    >
      <p aria-live="polite">
        {total === 0
          ? `No ${noun[1]}`
          : `${first}–${last} of ${total} ${total === 1 ? noun[0] : noun[1]}`}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className={buttonClasses('secondary', 'sm')} rel="prev">
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            Previous
          </span>
        )}
        <span className="tabular-nums">
          Page {page} of {pageCount}
        </span>
        {page < pageCount ? (
          <Link href={hrefFor(page + 1)} className={buttonClasses('secondary', 'sm')} rel="next">
            Next
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
