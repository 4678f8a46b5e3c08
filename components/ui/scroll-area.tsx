'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';

/**
 * A horizontally scrolling region with a visible cue: while content lies to the right, the edge
 * fades into a shadow and a "Scroll for more →" hint names it, so columns off-screen on a phone
 * (status, actions) are never hidden without a sign. The region is focusable, so the keyboard
 * can scroll it too.
 */
export function ScrollArea({
  label,
  className,
  children,
}: {
  label: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      // One pixel of slack: zoomed layouts round scroll positions.
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      const left = el.scrollLeft > 1;
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, []);

  return (
    <div className="relative">
      {more.right && (
        <p
          className="flex justify-end px-4 pt-1 text-xs font-medium text-slate-600"
          data-testid="scroll-hint"
        >
          Scroll for more →
        </p>
      )}
      <div
        ref={ref}
        className={cn(
          // relative: an absolutely placed descendant (an sr-only column label) is clipped here
          // instead of widening the page.
          'relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600',
          className,
        )}
        role="region"
        aria-label={label}
        tabIndex={0}
        data-scroll-container
      >
        {children}
      </div>
      <Edge side="left" show={more.left} />
      <Edge side="right" show={more.right} />
    </div>
  );
}

function Edge({ side, show }: { side: 'left' | 'right'; show: boolean }) {
  return (
    <div
      aria-hidden
      className={cn(
        'pointer-events-none absolute top-0 bottom-0 w-6 transition-opacity',
        side === 'left'
          ? 'left-0 bg-gradient-to-r from-slate-900/15 to-transparent'
          : 'right-0 bg-gradient-to-l from-slate-900/15 to-transparent',
        show ? 'opacity-100' : 'opacity-0',
      )}
    />
  );
}
