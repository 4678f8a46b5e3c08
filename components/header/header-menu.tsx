'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * The header's navigation, clinic picker and user controls. From 768 px (`md`) they sit in the
 * header bar; below, they fold into one disclosure behind a "Menu" button. One set of elements
 * serves both layouts (CSS decides), so nothing exists twice for tests or screen readers.
 *
 * Escape closes the menu and returns focus to its button; a navigation closes it too. A
 * disclosure rather than a modal: the open panel pushes the page down, so nothing is covered and
 * focus is never trapped.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // A link followed from the menu lands on a page with the menu folded again.
  useEffect(() => setOpen(false), [pathname]);

  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={closeOnEscape}
        className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 md:hidden"
      >
        <MenuIcon open={open} />
        Menu
      </button>
      <div
        id={panelId}
        data-testid="header-menu"
        onKeyDown={closeOnEscape}
        className={cn(
          open ? 'flex' : 'hidden',
          'w-full flex-col gap-4 border-t border-slate-200 py-4',
          'md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:justify-between md:gap-x-4 md:gap-y-2 md:border-0 md:py-2',
        )}
      >
        {children}
      </div>
    </>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor">
      {open ? (
        <path strokeWidth="2" strokeLinecap="round" d="M5 5l10 10M15 5L5 15" />
      ) : (
        <path strokeWidth="2" strokeLinecap="round" d="M3 5h14M3 10h14M3 15h14" />
      )}
    </svg>
  );
}
