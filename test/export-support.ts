/**
 * Shared by the export tests: storage in a temp
 * directory, a switch that holds dispatched jobs instead of running them, and readers for what an
 * export produced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll } from 'vitest';
import { exportJobs, fileAttachments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import type { CreatedEvent } from '@/lib/jobs/inline';
import { getStorage, setStorage } from '@/lib/storage';
import { localDriver } from '@/lib/storage/local';

/**
 * While `on`, dispatched job events are collected instead of run (a test file routes
 * lib/jobs/dispatch through this with vi.mock; see holdableDispatch). Run them with runInline.
 */
export const jobHold: { on: boolean; events: CreatedEvent[] } = { on: false, events: [] };

/** The body of a vi.mock factory for '@/lib/jobs/dispatch' that honours jobHold. */
export async function holdableDispatch(
  real: typeof import('@/lib/jobs/dispatch'),
): Promise<typeof import('@/lib/jobs/dispatch')> {
  return {
    dispatch: async (event: CreatedEvent) => {
      if (!jobHold.on) return real.dispatch(event);
      await event.validate();
      jobHold.events.push(event);
    },
  };
}

/** Points storage at a fresh temp directory for the test file. */
export function useTempStorage(): { dir: () => string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-exports-'));
    setStorage(localDriver(dir));
  });
  afterAll(() => {
    setStorage(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
}

/** Every stored file under the temp storage root (relative paths). */
export function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(root, p)).isFile())
    .sort();
}

export async function exportRow(clinicId: string, exportId: string) {
  const row = await tenantDb(clinicId).findById(exportJobs, exportId);
  if (!row) throw new Error(`no export ${exportId} in clinic ${clinicId}`);
  return row;
}

export async function attachmentsOf(clinicId: string) {
  return tenantDb(clinicId).list(fileAttachments, {
    limit: 1000,
    orderBy: [fileAttachments.createdAt, fileAttachments.id],
  });
}

export async function exportsOf(clinicId: string) {
  return tenantDb(clinicId).list(exportJobs, {
    limit: 1000,
    orderBy: [exportJobs.createdAt, exportJobs.id],
  });
}

/** The bytes an export stored, as a Buffer. */
export async function exportFile(clinicId: string, exportId: string): Promise<Buffer> {
  const row = await exportRow(clinicId, exportId);
  if (!row.attachmentId) throw new Error(`export ${exportId} has no file (status ${row.status})`);
  const attachment = await tenantDb(clinicId).findById(fileAttachments, row.attachmentId);
  if (!attachment) throw new Error('attachment row missing');
  const chunks: Buffer[] = [];
  for await (const chunk of await getStorage().get(attachment.storageKey))
    chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function exportText(clinicId: string, exportId: string): Promise<string> {
  return (await exportFile(clinicId, exportId)).toString('utf8');
}

/** A tiny RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF). */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * The text a pdfkit document shows: its content streams inflated, and the hex strings of each
 * TJ array joined (pdfkit writes text as `[<hex> kerning <hex>] TJ`, WinAnsi-encoded).
 */
/** WinAnsi (cp1252) differs from Latin-1 only in 0x80–0x9F (Node decodes cp1252 as Latin-1). */
const CP1252_HIGH: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};
const winAnsi = {
  decode: (bytes: Buffer) =>
    Array.from(bytes, (b) => CP1252_HIGH[b] ?? String.fromCharCode(b)).join(''),
};

export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      out.push(winAnsi.decode(Buffer.from(hex, 'hex')));
    }
  }
  return out.join('\n');
}

export { text };
