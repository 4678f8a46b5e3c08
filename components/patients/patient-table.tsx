'use client';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQueryStates } from 'nuqs';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { useDebouncedCallback } from 'use-debounce';
import { Button, Spinner, buttonClasses } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { PATIENT_SEXES, SEX_LABELS } from '@/lib/patients/constants';
import { formatDay, formatInstantDate } from '@/lib/dates/format';
import {
  PAGE_SIZES,
  PATIENT_SORTS,
  type PageSize,
  type PatientSort,
} from '@/lib/patients/list-params';
import { cursorParams, FIRST_PAGE } from '@/lib/pagination/cursor';
import { rangeText } from '@/lib/pagination/range-text';
import { patientListParsers } from '@/lib/patients/list-url';
import { SEARCH_HINT } from '@/lib/patients/search-terms';
import type { PatientListPage, PatientListRow } from '@/lib/patients/types';

const SEARCH_DEBOUNCE_MS = 300;

function isSort(id: string): id is PatientSort {
  return (PATIENT_SORTS as readonly string[]).includes(id);
}

function columnsFor(timeZone: string): ColumnDef<PatientListRow>[] {
  return [
    {
      // TanStack only offers sorting on columns with an accessor; the server does the sorting.
      id: 'family',
      accessorKey: 'familyName',
      header: 'Family name',
      cell: ({ row }) => (
        <Link
          href={`/patients/${row.original.id}`}
          // The full name, so a list of links does not read as a list of family names.
          aria-label={`${row.original.familyName}, ${row.original.givenName}`}
          className="rounded-sm font-medium text-brand-700 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          {row.original.familyName}
        </Link>
      ),
    },
    {
      id: 'given',
      accessorKey: 'givenName',
      header: 'Given name',
      cell: ({ row }) => row.original.givenName,
    },
    {
      id: 'mrn',
      accessorKey: 'mrn',
      header: 'MRN',
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.mrn}</span>,
    },
    {
      id: 'dob',
      accessorKey: 'dateOfBirth',
      header: 'Date of birth',
      cell: ({ row }) => (
        <span className="tabular-nums">
          {formatDay(row.original.dateOfBirth, { weekday: false })}
        </span>
      ),
    },
    {
      id: 'sex',
      header: 'Sex',
      enableSorting: false,
      cell: ({ row }) => SEX_LABELS[row.original.sex],
    },
    {
      id: 'phone',
      header: 'Phone',
      enableSorting: false,
      cell: ({ row }) => row.original.phone ?? <span className="text-slate-400">—</span>,
    },
    {
      id: 'created',
      accessorKey: 'createdAt',
      header: 'Added',
      cell: ({ row }) => (
        <span className="tabular-nums">
          {formatInstantDate(row.original.createdAt, { timeZone })}
        </span>
      ),
    },
  ];
}

/**
 * The patient list: TanStack Table in manual mode (the server pages, sorts and filters), with all
 * of its state in the URL through nuqs, so back/forward, reload and shared links restore it.
 * Pages are keyset cursors (First / Previous / Next), so a deep page costs what the first does.
 * Every change is a server round trip inside a transition: the old rows stay, dimmed, until the
 * new ones arrive.
 */
export function PatientTable({
  data,
  timeZone,
  canCreate,
}: {
  data: PatientListPage;
  /** The clinic's timezone setting, for the "added" dates. */
  timeZone: string;
  canCreate: boolean;
}) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(patientListParsers, {
    shallow: false,
    history: 'push',
    startTransition,
  });

  const filtered = Boolean(params.q || params.sex || params.dobFrom || params.dobTo);
  const sorting: SortingState = [{ id: data.sort, desc: data.dir === 'desc' }];

  const table = useReactTable({
    data: data.rows,
    columns: columnsFor(timeZone),
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (!first || !isSort(first.id)) return;
      void setParams({ sort: first.id, dir: first.desc ? 'desc' : 'asc', ...FIRST_PAGE });
    },
  });

  const goTo = (target: 'first' | 'previous' | 'next') =>
    void setParams(cursorParams(data.pager, target));
  const clearFilters = () =>
    void setParams({ q: null, sex: null, dobFrom: null, dobTo: null, ...FIRST_PAGE });

  return (
    <div className="space-y-4">
      <PatientFilters
        q={params.q}
        sex={params.sex}
        dobFrom={params.dobFrom}
        dobTo={params.dobTo}
        filtered={filtered}
        onChange={(change, history) => void setParams({ ...change, ...FIRST_PAGE }, { history })}
        onClear={clearFilters}
      />
      <div className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <div
          className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3 text-sm text-slate-600"
          aria-live="polite"
        >
          <p data-testid="patient-total">
            {data.rows.length === 0
              ? filtered
                ? 'No patients match'
                : 'No patients'
              : rangeText({
                  page: data.pager.page,
                  size: data.size,
                  shown: data.rows.length,
                  total: data.total,
                  capped: data.totalCapped,
                  noun: ['patient', 'patients'],
                })}
          </p>
          {isPending && (
            <span className="inline-flex items-center gap-2 text-slate-500">
              <Spinner /> Loading…
            </span>
          )}
        </div>
        <div
          aria-busy={isPending || undefined}
          className={isPending ? 'opacity-60 transition-opacity' : 'transition-opacity'}
        >
          <Table caption="Patients of this clinic">
            <THead>
              {table.getHeaderGroups().map((group) => (
                <TR key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <TH
                        key={header.id}
                        aria-sort={
                          sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : undefined
                        }
                      >
                        {header.column.getCanSort() ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            className="inline-flex items-center gap-1 rounded-sm uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                          >
                            {label}
                            <SortIndicator state={sorted} />
                          </button>
                        ) : (
                          label
                        )}
                      </TH>
                    );
                  })}
                </TR>
              ))}
            </THead>
            <TBody>
              {table.getRowModel().rows.length === 0 ? (
                <EmptyRow colSpan={table.getAllLeafColumns().length}>
                  <EmptyState filtered={filtered} canCreate={canCreate} onClear={clearFilters} />
                </EmptyRow>
              ) : (
                table.getRowModel().rows.map((row) => (
                  <TR
                    key={row.id}
                    data-testid="patient-row"
                    className="cursor-pointer hover:bg-slate-50"
                    onClick={(e) => {
                      // The family-name link is the keyboard path; the row is a mouse shortcut.
                      if ((e.target as HTMLElement).closest('a, button')) return;
                      router.push(`/patients/${row.id}`);
                    }}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <TD key={cell.id}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </TD>
                    ))}
                  </TR>
                ))
              )}
            </TBody>
          </Table>
        </div>
        <nav
          aria-label="Pagination"
          className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600"
        >
          <label className="flex items-center gap-2 whitespace-nowrap">
            Rows per page
            <Select
              className="w-auto"
              value={String(data.size)}
              onChange={(e) =>
                void setParams({ size: Number(e.target.value) as PageSize, ...FIRST_PAGE })
              }
              options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
            />
          </label>
          <div className="flex items-center gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => goTo('first')}
              disabled={!data.pager.hasPrevious || isPending}
            >
              First
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => goTo('previous')}
              disabled={!data.pager.hasPrevious || isPending}
            >
              Previous
            </Button>
            <span className="tabular-nums">Page {data.pager.page.toLocaleString('en-US')}</span>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => goTo('next')}
              disabled={!data.pager.hasNext || isPending}
            >
              Next
            </Button>
          </div>
        </nav>
      </div>
    </div>
  );
}

function SortIndicator({ state }: { state: false | 'asc' | 'desc' }) {
  return (
    <span aria-hidden className={state ? 'text-slate-900' : 'text-slate-300'}>
      {state === 'desc' ? '↓' : state === 'asc' ? '↑' : '↕'}
    </span>
  );
}

function EmptyState({
  filtered,
  canCreate,
  onClear,
}: {
  filtered: boolean;
  canCreate: boolean;
  onClear: () => void;
}): ReactNode {
  if (filtered)
    return (
      <div className="space-y-3">
        <p>No patients match these filters.</p>
        <Button variant="secondary" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      </div>
    );
  return (
    <div className="space-y-3">
      <p>No patients yet.</p>
      {canCreate && (
        <Link href="/patients/new" className={buttonClasses('primary', 'sm')}>
          Onboard the first patient
        </Link>
      )}
    </div>
  );
}

type FilterChange = Partial<{
  q: string | null;
  sex: (typeof PATIENT_SEXES)[number] | null;
  dobFrom: string | null;
  dobTo: string | null;
}>;

function PatientFilters({
  q,
  sex,
  dobFrom,
  dobTo,
  filtered,
  onChange,
  onClear,
}: {
  q: string;
  sex: (typeof PATIENT_SEXES)[number] | null;
  dobFrom: string | null;
  dobTo: string | null;
  filtered: boolean;
  onChange: (change: FilterChange, history: 'push' | 'replace') => void;
  onClear: () => void;
}) {
  const [text, setText] = useState(q);
  // What this input last wrote to the URL: a different `q` came from back/forward or "Clear".
  const sent = useRef(q);
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setText(q);
    }
  }, [q]);
  const sendText = useDebouncedCallback((value: string) => {
    const trimmed = value.trim();
    sent.current = trimmed;
    // Typing replaces the history entry rather than pushing one per pause.
    onChange({ q: trimmed || null }, 'replace');
  }, SEARCH_DEBOUNCE_MS);

  return (
    <form
      role="search"
      aria-label="Filter patients"
      onSubmit={(e) => {
        e.preventDefault();
        sendText.flush();
      }}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
    >
      <Field id="patient-search" label="Find a patient" hint={SEARCH_HINT}>
        {(p) => (
          <Input
            {...p}
            type="search"
            value={text}
            placeholder="e.g. Garcia Maria, 3 or 555 010 2030"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              sendText(e.target.value);
            }}
          />
        )}
      </Field>
      <Field id="patient-sex" label="Sex">
        {(p) => (
          <Select
            {...p}
            value={sex ?? ''}
            onChange={(e) =>
              onChange(
                { sex: (e.target.value || null) as (typeof PATIENT_SEXES)[number] | null },
                'push',
              )
            }
          >
            <option value="">Any</option>
            {PATIENT_SEXES.map((s) => (
              <option key={s} value={s}>
                {SEX_LABELS[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="patient-dob-from" label="Born from">
        {(p) => (
          <Input
            {...p}
            type="date"
            min="1900-01-01"
            value={dobFrom ?? ''}
            onChange={(e) => onChange({ dobFrom: e.target.value || null }, 'push')}
          />
        )}
      </Field>
      <Field id="patient-dob-to" label="Born until">
        {(p) => (
          <Input
            {...p}
            type="date"
            min="1900-01-01"
            value={dobTo ?? ''}
            onChange={(e) => onChange({ dobTo: e.target.value || null }, 'push')}
          />
        )}
      </Field>
      <div className="flex items-end">
        <Button variant="ghost" onClick={onClear} disabled={!filtered}>
          Clear filters
        </Button>
      </div>
    </form>
  );
}
