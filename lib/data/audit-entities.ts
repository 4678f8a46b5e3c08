import 'server-only';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq, inArray } from 'drizzle-orm';
import { appointments, exportJobs, fileAttachments, patients } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { entityTypeLabel } from '@/lib/audit/labels';
import type { AuditEntityView } from '@/lib/audit/types';
import { EXPORT_KIND_LABELS, type ExportKindName } from '@/lib/exports/types';
import type { MemberDto } from './members';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Ref = { entityType: string | null; entityId: string | null };

function idsOf(refs: readonly Ref[], type: string): string[] {
  const ids = refs
    .filter((r) => r.entityType === type && r.entityId && UUID.test(r.entityId))
    .map((r) => r.entityId!.toLowerCase());
  return [...new Set(ids)];
}

const key = (type: string, id: string) => `${type}:${id.toLowerCase()}`;

/**
 * Names the entities of one page of audit events, read through the scope (the clinic filter and
 * RLS), so an id of another clinic's record finds nothing and shows no name: a handful of keyed
 * reads per page, not one per row. Files are named by what they belong to (a patient's MRN), never
 * by their file name, which may hold a patient's name.
 */
export async function resolveAuditEntities(
  t: TenantScope,
  refs: readonly Ref[],
  members: readonly MemberDto[],
  timezone: string,
): Promise<(r: Ref) => AuditEntityView | null> {
  const names = new Map<string, { label: string; href: string | null }>();
  const files = await readAll(idsOf(refs, 'file_attachment'), (ids) =>
    t
      .from(fileAttachments, {
        id: fileAttachments.id,
        entityType: fileAttachments.entityType,
        entityId: fileAttachments.entityId,
      })
      .where(inArray(fileAttachments.id, ids)),
  );
  const filePatients = files.filter((f) => f.entityType === 'patient').map((f) => f.entityId);
  const patientIds = [...new Set([...idsOf(refs, 'patient'), ...filePatients])].filter((id) =>
    UUID.test(id),
  );
  const mrns = new Map<string, string>();
  for (const p of await readAll(patientIds, (ids) =>
    t.from(patients, { id: patients.id, mrn: patients.mrn }).where(inArray(patients.id, ids)),
  )) {
    mrns.set(p.id, p.mrn);
    names.set(key('patient', p.id), { label: p.mrn, href: `/patients/${p.id}` });
  }
  for (const f of files) {
    const mrn = f.entityType === 'patient' ? mrns.get(f.entityId) : undefined;
    if (mrn)
      names.set(key('file_attachment', f.id), {
        label: `Document of ${mrn}`,
        href: `/patients/${f.entityId}`,
      });
  }
  for (const a of await readAll(idsOf(refs, 'appointment'), (ids) =>
    t
      .from(appointments, {
        id: appointments.id,
        startsAt: appointments.startsAt,
        mrn: patients.mrn,
      })
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(inArray(appointments.id, ids)),
  )) {
    const when = format(new TZDate(a.startsAt.getTime(), timezone), 'd MMM yyyy, HH:mm');
    names.set(key('appointment', a.id), {
      label: `${a.mrn}, ${when}`,
      href: `/appointments/${a.id}`,
    });
  }
  for (const e of await readAll(idsOf(refs, 'export'), (ids) =>
    t
      .from(exportJobs, { id: exportJobs.id, kind: exportJobs.kind })
      .where(inArray(exportJobs.id, ids)),
  )) {
    const label = EXPORT_KIND_LABELS[e.kind as ExportKindName] ?? e.kind;
    names.set(key('export', e.id), { label, href: '/exports' });
  }
  // Members are already read for the page (the actor filter); they name users and memberships.
  for (const m of members) {
    const label = `${m.name} (${m.email})`;
    names.set(key('user', m.userId), { label, href: null });
    names.set(key('membership', m.membershipId), { label, href: null });
  }

  return (r) => {
    if (!r.entityType) return null;
    const found = r.entityId ? names.get(key(r.entityType, r.entityId)) : undefined;
    // A setting is named by its key, which is what its id is.
    const label = found?.label ?? (r.entityType === 'setting' ? r.entityId : null);
    return { typeLabel: entityTypeLabel(r.entityType), label, href: found?.href ?? null };
  };
}

/** Runs a keyed read only when there are keys (an empty IN list is pointless). */
async function readAll<T>(ids: string[], read: (ids: string[]) => PromiseLike<T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : read(ids);
}
