/**
 * The tenant job helper ("TenantJob"). Every background function that works on clinic data is
 * declared here, so none can forget: the clinic comes from the event (validated by its schema
 * before the handler runs), runs are serialised per clinic (concurrency keyed on clinicId), an
 * unknown or inactive clinic stops the run for good, and the handler only ever gets that clinic's
 * tenantDb and settings.
 */
import { NonRetriableError, type EventType, type StandardSchemaV1 } from 'inngest';
import { getClinic } from '@/db/control/clinics';
import { tenantDb, type TenantDb } from '@/db/tenant';
import type { TimeFormat } from '@/lib/dates/format';
import { settingValues } from '@/lib/settings/resolve';
import type { SettingValues } from '@/lib/settings/catalog';
import { inngest } from './client';

/** The part of Inngest's step tools tenant jobs use; the inline driver provides the same. */
export interface JobStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /** A durable wait (Inngest only: the inline driver has none, so callers must cope without it). */
  sleepUntil?(id: string, time: string): Promise<unknown>;
}

export interface TenantJobContext<TData> {
  data: TData;
  clinic: { id: string; name: string; timezone: string; timeFormat: TimeFormat };
  db: TenantDb;
  settings: SettingValues;
  step: JobStep;
}

type ClinicSchema = StandardSchemaV1<{ clinicId: string } & Record<string, unknown>>;
type ClinicEvent = EventType<string, ClinicSchema>;
type EventData<E> =
  E extends EventType<string, infer S>
    ? S extends StandardSchemaV1
      ? StandardSchemaV1.InferOutput<S> & { clinicId: string }
      : never
    : never;

export interface TenantJobDefinition<E extends ClinicEvent, R> {
  id: string;
  trigger: E;
  /** How many runs of this function may run at once for ONE clinic (default 1). */
  perClinicConcurrency?: number;
  retries?: 0 | 1 | 2 | 3 | 4 | 5;
  handler: (ctx: TenantJobContext<EventData<E>>) => Promise<R>;
}

export class InactiveClinicError extends NonRetriableError {}

/** Loads the job's clinic and settings; refuses (for good) an unknown or inactive clinic. */
export async function openClinicForJob(clinicId: string, step: JobStep) {
  const clinic = await step.run('load-clinic', async () => {
    const row = await getClinic(clinicId);
    return row ? { id: row.id, name: row.name, active: row.active } : null;
  });
  if (!clinic || !clinic.active) {
    throw new InactiveClinicError(`Clinic ${clinicId} does not exist or is inactive`);
  }
  const db = tenantDb(clinic.id);
  const settings = await step.run('load-settings', () => db.transaction(settingValues));
  return {
    clinic: {
      id: clinic.id,
      name: settings.display_name || clinic.name,
      timezone: settings.timezone,
      timeFormat: settings.time_format,
    },
    db,
    settings,
  };
}

export function defineTenantJob<E extends ClinicEvent, R>(def: TenantJobDefinition<E, R>) {
  /** Runs the job body for already-validated event data (Inngest or the inline driver). */
  const run = async (data: EventData<E>, step: JobStep): Promise<R> => {
    const opened = await openClinicForJob(data.clinicId, step);
    return def.handler({ data, step, ...opened });
  };
  const fn = inngest.createFunction(
    {
      id: def.id,
      retries: def.retries ?? 3,
      triggers: [def.trigger],
      concurrency: { key: 'event.data.clinicId', limit: def.perClinicConcurrency ?? 1 },
    },
    async ({ event, step }) => run(event.data as EventData<E>, step as unknown as JobStep),
  );
  return { id: def.id, trigger: def.trigger, fn, run };
}

/**
 * Any tenant job, for the registry. `run` takes `never`: each job accepts only its own trigger's
 * data, so callers validate the event first and then pass its data (as runInline does).
 */
export type TenantJob = Omit<ReturnType<typeof defineTenantJob>, 'run'> & {
  run(data: never, step: JobStep): Promise<unknown>;
};
