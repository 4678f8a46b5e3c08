import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';
import { ScrollArea } from './scroll-area';

/**
 * A horizontally scrollable table with calm defaults: on a phone it scrolls inside its own
 * region, with a visible cue (ScrollArea), and the page itself never scrolls sideways. Give it a
 * caption for screen readers (a string also names the scrolling region).
 */
export function Table({
  caption,
  captionHidden = true,
  className,
  children,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <ScrollArea label={typeof caption === 'string' ? caption : undefined}>
      <table className={cn('min-w-full divide-y divide-slate-200 text-sm', className)}>
        <caption
          className={cn(captionHidden ? 'sr-only' : 'px-4 py-2 text-left text-sm text-slate-500')}
        >
          {caption}
        </caption>
        {children}
      </table>
    </ScrollArea>
  );
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn('bg-slate-50', className)} {...rest} />;
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn('divide-y divide-slate-100 bg-white', className)} {...rest} />;
}

export function TR({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('align-middle', className)} {...rest} />;
}

/** A header cell: column headers are small caps; `scope="row"` makes a row's leading cell. */
export function TH({ className, scope = 'col', ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn(
        scope === 'row'
          ? 'px-4 py-3 text-left text-sm font-medium text-slate-900'
          : 'px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase',
        className,
      )}
      {...rest}
    />
  );
}

export function TD({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-4 py-3 text-slate-700', className)} {...rest} />;
}

/** A full-width row for "nothing here yet". */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-8 text-center text-sm text-slate-500">
        {children}
      </td>
    </tr>
  );
}
