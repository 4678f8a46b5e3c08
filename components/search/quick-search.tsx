'use client';
import { Command } from 'cmdk';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useDebounce } from 'use-debounce';
import { PICKER_DEBOUNCE_MS } from '@/components/pickers/async-select';
import { fetchItems } from '@/components/pickers/fetch-items';
import type { PatientChoice } from '@/lib/appointments/types';
import { QUERY_MAX_LENGTH, QUERY_TOO_LONG_MESSAGE } from '@/lib/patients/list-params';
import { SEARCH_HINT } from '@/lib/patients/search-terms';

const QUICK_SEARCH_LIMIT = 10;

/** `/` must not fire while the user types in a field (or in anything editable). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !==
      null
  );
}

const STATUS_TEXT = {
  idle: '',
  loading: 'Searching…',
  done: '',
  empty: 'No patient matches',
  failed: 'Search failed. Try again.',
  tooLong: `${QUERY_TOO_LONG_MESSAGE}.`,
} as const;

type Found =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; items: PatientChoice[] }
  | { state: 'failed' }
  // Refused here with the route's own limit, never cut short as the user types or pastes.
  | { state: 'tooLong' };

/**
 * The header's patient finder: `/` (outside a field) or Ctrl/Cmd+K opens it, Enter on a result
 * opens that patient's record. The server does the matching (GET /api/patients/search, the same
 * search as the picker), so cmdk's own filtering is off.
 */
export function QuickSearch() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [debounced] = useDebounce(query.trim(), PICKER_DEBOUNCE_MS);
  const [found, setFound] = useState<Found>({ state: 'idle' });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const commandK = e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey;
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!commandK && !slash) return;
      e.preventDefault();
      setOpen((wasOpen) => (commandK ? !wasOpen : true));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open || debounced === '') {
      setFound({ state: 'idle' });
      return;
    }
    if (debounced.trim().length > QUERY_MAX_LENGTH) {
      setFound({ state: 'tooLong' });
      return;
    }
    const controller = new AbortController();
    setFound({ state: 'loading' });
    const params = new URLSearchParams({ q: debounced, limit: String(QUICK_SEARCH_LIMIT) });
    fetchItems<PatientChoice>(`/api/patients/search?${params}`, controller.signal).then(
      (items) => setFound({ state: 'done', items }),
      () => {
        if (!controller.signal.aborted) setFound({ state: 'failed' });
      },
    );
    return () => controller.abort();
  }, [open, debounced]);

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) setQuery('');
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="/ Control+K Meta+K"
        className="flex min-h-9 items-center gap-2 rounded-md border border-slate-300 px-2.5 text-sm text-slate-600 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.9 3.9a.75.75 0 1 1-1.06 1.06l-3.9-3.9A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
        </svg>
        <span className="sr-only sm:not-sr-only">Find patient</span>
        <kbd className="hidden rounded border border-slate-300 px-1 font-sans text-xs sm:inline">
          /
        </kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={close}
        label="Find a patient"
        shouldFilter={false}
        loop
        overlayClassName="fixed inset-0 z-40 bg-slate-900/40"
        contentClassName="fixed inset-x-2 top-16 z-50 mx-auto max-w-lg overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xl"
      >
        <Command.Input
          value={query}
          onValueChange={setQuery}
          placeholder="Find a patient…"
          aria-describedby="quick-search-hint"
          className="w-full border-b border-slate-200 px-4 py-3 text-base outline-none placeholder:text-slate-500"
        />
        <p id="quick-search-hint" className="px-4 pt-2 text-xs text-slate-600">
          {SEARCH_HINT}
        </p>
        {/* Outside the listbox, which may hold only options; read out as it changes. */}
        <p
          role="status"
          className={
            found.state === 'failed' || found.state === 'tooLong'
              ? 'px-4 pt-2 text-sm text-red-700'
              : 'px-4 pt-2 text-sm text-slate-600'
          }
        >
          {STATUS_TEXT[found.state === 'done' && found.items.length === 0 ? 'empty' : found.state]}
        </p>
        <Command.List className="max-h-80 overflow-y-auto p-2" aria-label="Patients found">
          {found.state === 'done' &&
            found.items.map((p) => (
              <Command.Item
                key={p.id}
                value={p.id}
                onSelect={() => {
                  close(false);
                  router.push(`/patients/${p.id}`);
                }}
                className="flex cursor-pointer flex-wrap items-baseline gap-x-2 rounded-md px-2 py-2 text-sm text-slate-900 data-[selected=true]:bg-slate-100"
              >
                <span className="font-medium">{p.label}</span>
                <span className="font-mono text-xs text-slate-600">{p.mrn}</span>
                <span className="text-xs text-slate-600">born {p.dateOfBirth}</span>
              </Command.Item>
            ))}
        </Command.List>
      </Command.Dialog>
    </>
  );
}
