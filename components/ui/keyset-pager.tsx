import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { cursorParams, type KeysetPageInfo } from '@/lib/pagination/cursor';
import { rangeText } from '@/lib/pagination/range-text';

export type CursorHref = (cursor: ReturnType<typeof cursorParams>) => string;

/**
 * First / Previous / Next links for a keyset-paged list. Plain links: they work without
 * JavaScript, open in new tabs and keep the other URL parameters (the caller builds each href
 * from the cursor values, the filters being its own).
 */
/** What every keyset-paged list answers besides its rows (lib/data: audit, appointments, exports). */
export interface KeysetListPage {
  pager: KeysetPageInfo;
  pageSize: number;
  total: number;
  totalCapped: boolean;
}

export function KeysetPager({
  page: { pager, pageSize, total, totalCapped },
  shown,
  noun,
  hrefFor,
  label = 'Pagination',
  testId = 'page-range',
}: {
  page: KeysetListPage;
  /** Rows on this page. */
  shown: number;
  noun: [singular: string, plural: string];
  hrefFor: CursorHref;
  label?: string;
  testId?: string;
}) {
  const link = buttonClasses('secondary', 'sm');
  const disabled = cn(link, 'pointer-events-none opacity-50');
  const to = (
    target: 'first' | 'previous' | 'next',
    text: string,
    enabled: boolean,
    rel?: string,
  ) =>
    enabled ? (
      <Link href={hrefFor(cursorParams(pager, target))} className={link} rel={rel}>
        {text}
      </Link>
    ) : (
      <span aria-disabled="true" className={disabled}>
        {text}
      </span>
    );
  return (
    <nav
      aria-label={label}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600"
    >
      <p aria-live="polite" data-testid={testId}>
        {rangeText({ page: pager.page, size: pageSize, shown, total, capped: totalCapped, noun })}
      </p>
      <div className="flex items-center gap-2">
        {to('first', 'First', pager.hasPrevious)}
        {to('previous', 'Previous', pager.hasPrevious, 'prev')}
        <span className="tabular-nums">Page {pager.page.toLocaleString('en-US')}</span>
        {to('next', 'Next', pager.hasNext, 'next')}
      </div>
    </nav>
  );
}
