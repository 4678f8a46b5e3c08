'use client';
import { useEffect, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import {
  downloadUrl,
  isActive,
  type ExportListItem,
  type ExportListResponse,
  type ExportStatusName,
} from '@/lib/exports/types';
import { serializeCursorSearchParams } from '@/lib/pagination/cursor';

/** How often the page asks for news while an export is queued or running. */
export const POLL_MS = 1500;

const STATUS: Record<ExportStatusName, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  done: { label: 'Ready', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Progress({ item }: { item: ExportListItem }) {
  return (
    <div
      role="progressbar"
      aria-label={`${item.kindLabel} progress`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={item.progress}
      className="mt-1.5 h-1.5 w-28 overflow-hidden rounded-full bg-slate-200"
    >
      <div
        className="h-full rounded-full bg-brand-600 transition-[width] duration-500 motion-reduce:transition-none"
        style={{ width: `${item.progress}%` }}
      />
    </div>
  );
}

function FileCell({ item, canDownload }: { item: ExportListItem; canDownload: boolean }) {
  if (item.status === 'failed') {
    return <span className="text-red-700">{item.failureReason}</span>;
  }
  if (item.status !== 'done') return <span className="text-slate-500">Preparing…</span>;
  const file = item.file;
  if (file.state === 'replaced')
    return <span className="text-slate-500">Replaced by a newer export</span>;
  if (file.state === 'expired') return <span className="text-slate-500">Expired</span>;
  if (file.state !== 'available') return <span className="text-slate-500">No file</span>;
  if (!canDownload) {
    return <span className="text-slate-500">Ready (your role cannot download files)</span>;
  }
  return (
    <a
      href={downloadUrl(file.attachmentId)}
      download
      className="font-medium text-brand-700 hover:underline"
      data-testid="export-download"
    >
      Download <span className="sr-only">{item.kindLabel}</span>
      <span className="text-xs font-normal text-slate-500"> ({formatSize(file.size)})</span>
    </a>
  );
}

/**
 * One page of the clinic's exports, newest first. While any is queued or running it polls
 * GET /api/exports (with the page's cursor) every POLL_MS and stops once none is; no reload
 * needed to see an export finish.
 */
export function ExportsTable({ initial }: { initial: ExportListResponse }) {
  const [data, setData] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const active = data.exports.some((e) => isActive(e.status));

  // A server re-render (e.g. router.refresh) brings fresher data: take it.
  useEffect(() => setData(initial), [initial]);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(`/api/exports${window.location.search}`, { cache: 'no-store' });
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          throw new Error(body.error ?? `The server answered ${res.status}.`);
        }
        const next = (await res.json()) as ExportListResponse;
        if (!stopped) {
          setData(next);
          setPollError(null);
        }
      } catch (err) {
        if (!stopped) {
          setPollError(err instanceof Error ? err.message : 'Could not refresh.');
          clearInterval(timer);
        }
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);

  return (
    <div>
      {pollError && (
        <p
          role="alert"
          className="border-b border-red-100 bg-red-50 px-4 py-2 text-sm text-red-800"
        >
          Live updates stopped: {pollError} Reload the page to try again.
        </p>
      )}
      {!data.canDownload && (
        <p className="border-b border-slate-100 px-4 py-2 text-sm text-slate-600">
          Your role can see exports but not download them. Ask a clinic admin or a doctor.
        </p>
      )}
      <Table caption="Exports, newest first">
        <THead>
          <TR>
            <TH>Export</TH>
            <TH>Requested by</TH>
            <TH>Created</TH>
            <TH>Status</TH>
            <TH className="text-right">Rows</TH>
            <TH>File</TH>
          </TR>
        </THead>
        <TBody data-testid="export-rows">
          {data.exports.length === 0 ? (
            <EmptyRow colSpan={6}>No exports yet.</EmptyRow>
          ) : (
            data.exports.map((item) => (
              <TR key={item.id} data-testid="export-row" data-status={item.status}>
                <TD>
                  <div className="font-medium text-slate-900">{item.kindLabel}</div>
                  {item.description && (
                    <div className="text-xs text-slate-500">{item.description}</div>
                  )}
                </TD>
                <TD>{item.requestedBy}</TD>
                <TD className="whitespace-nowrap">
                  <time dateTime={item.createdAt}>{item.createdLabel}</time>
                </TD>
                <TD>
                  <Badge tone={STATUS[item.status].tone}>{STATUS[item.status].label}</Badge>
                  {isActive(item.status) && <Progress item={item} />}
                </TD>
                <TD className="text-right tabular-nums">{item.rowCount ?? '—'}</TD>
                <TD>
                  <FileCell item={item} canDownload={data.canDownload} />
                </TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
      {data.exports.length > 0 && (
        <KeysetPager
          label="Export pages"
          page={data}
          shown={data.exports.length}
          noun={['export', 'exports']}
          hrefFor={(cursor) => serializeCursorSearchParams('/exports', cursor)}
        />
      )}
    </div>
  );
}
