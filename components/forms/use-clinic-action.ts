'use client';
import { useMemo } from 'react';
import type { SafeActionFn } from 'next-safe-action';
import { useAction, type HookCallbacks } from 'next-safe-action/hooks';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { usePageStamp } from '@/components/session/clinic-frame';
import { useSessionSync } from '@/components/session/session-sync';
import { isStalePageRefusal } from '@/lib/auth/page-stamp';
// A type only (erased from the bundle): the schema itself stays on the server.
import type { pageStampSchema } from '@/lib/auth/stale-page';

type ClinicActionFn<
  ServerError,
  Schema extends StandardSchemaV1 | undefined,
  ShapedErrors,
  Data,
> = SafeActionFn<ServerError, Schema, readonly [typeof pageStampSchema], ShapedErrors, Data>;

/**
 * `useAction` for clinic actions: binds the stamp of the page the form is on, so the server can
 * refuse a write from a page of another clinic or user (lib/actions/safe-action.ts). After any
 * refusal the tab re-checks the session, so a tab left behind by a switch elsewhere catches up.
 */
export function useClinicAction<
  ServerError,
  Schema extends StandardSchemaV1 | undefined,
  ShapedErrors,
  Data,
>(
  action: ClinicActionFn<ServerError, Schema, ShapedErrors, Data>,
  callbacks: HookCallbacks<ServerError, Schema, ShapedErrors, Data> = {},
) {
  const stamp = usePageStamp();
  const { check } = useSessionSync();
  const bound = useMemo(() => action.bind(null, stamp), [action, stamp]);
  return useAction(bound, {
    ...callbacks,
    onError: (args) => {
      const { serverError } = args.error;
      if (serverError !== undefined) check({ explained: isStalePageRefusal(serverError) });
      return callbacks.onError?.(args);
    },
  });
}
