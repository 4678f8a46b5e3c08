'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useClinicFetch } from '@/components/forms/use-clinic-fetch';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_MESSAGES,
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  formatBytes,
  type PatientDocument,
} from '@/lib/patients/documents';
import { formatInstant, type ClinicClock } from '@/lib/dates/format';

/**
 * A patient's documents: the list (names link to the gated download for roles that may download)
 * and, for roles that may edit the patient, the upload form. The server decides what a file is;
 * the size check here only saves a pointless upload.
 */
export function PatientDocuments({
  patientId,
  documents,
  clock,
  canUpload,
  canDownload,
}: {
  patientId: string;
  documents: PatientDocument[];
  clock: ClinicClock;
  canUpload: boolean;
  canDownload: boolean;
}) {
  return (
    <Card aria-labelledby="documents-heading">
      <CardHeader
        id="documents-heading"
        title="Documents"
        description={
          canDownload
            ? 'Referrals, results and scans. PDF, PNG or JPEG, up to 10 MB each.'
            : 'Referrals, results and scans. Opening them needs the download permission.'
        }
      />
      {canUpload && <UploadForm patientId={patientId} />}
      <Table caption="Documents">
        <THead>
          <TR>
            <TH>Name</TH>
            <TH>Type</TH>
            <TH>Size</TH>
            <TH>Added</TH>
            <TH>By</TH>
          </TR>
        </THead>
        <TBody>
          {documents.length === 0 ? (
            <EmptyRow colSpan={5}>No documents yet.</EmptyRow>
          ) : (
            documents.map((d) => (
              <TR key={d.id} data-testid="patient-document">
                <TD className="max-w-xs truncate">
                  {canDownload ? (
                    <a
                      href={`/file/download/${d.id}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {d.filename}
                    </a>
                  ) : (
                    d.filename
                  )}
                </TD>
                <TD>{DOCUMENT_TYPES[d.contentType]}</TD>
                <TD className="tabular-nums">{formatBytes(d.size)}</TD>
                <TD className="whitespace-nowrap">{formatInstant(d.createdAt, clock)}</TD>
                <TD>{d.uploadedBy ?? <span className="text-slate-400">Former member</span>}</TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </Card>
  );
}

function UploadForm({ patientId }: { patientId: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const clinicFetch = useClinicFetch();

  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    setError(undefined);
    if (!(file instanceof File) || file.name === '') return setError(DOCUMENT_MESSAGES.missing);
    if (file.size > MAX_DOCUMENT_BYTES) return setError(DOCUMENT_MESSAGES.tooLarge);
    setPending(true);
    try {
      const res = await clinicFetch(`/api/patients/${patientId}/documents`, {
        method: 'POST',
        body: data,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        return setError(body?.error ?? `The upload failed (status ${res.status}). Try again.`);
      }
      toast.success(`${file.name} attached`);
      form.current?.reset();
      router.refresh();
    } catch {
      setError('The upload did not reach the server. Check the connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      ref={form}
      onSubmit={upload}
      aria-label="Attach a document"
      className="flex flex-wrap items-start gap-3 border-b border-slate-100 px-5 py-4"
    >
      <Field
        id="document-file"
        name="file"
        label="File to attach"
        hint="PDF, PNG or JPEG, up to 10 MB."
        error={error}
        className="min-w-64 flex-1"
      >
        {(p) => (
          <Input {...p} type="file" accept={DOCUMENT_ACCEPT} onChange={() => setError(undefined)} />
        )}
      </Field>
      <Button type="submit" className="mt-6" pending={pending} pendingLabel="Uploading…">
        Upload
      </Button>
    </form>
  );
}
