'use client';
import { useCallback } from 'react';
import { usePageStamp } from '@/components/session/clinic-frame';
import { useSessionSync } from '@/components/session/session-sync';
import { pageStampHeaders } from '@/lib/auth/page-stamp';

/**
 * `fetch` for clinic route handlers that change something: sends the stamp of the page it is
 * called from (lib/api/with-clinic.ts refuses a stale page with 409), and re-checks the session
 * after a refusal so a tab left behind by a switch elsewhere catches up.
 */
export function useClinicFetch() {
  const stamp = usePageStamp();
  const { check } = useSessionSync();
  return useCallback(
    async (url: string, init: RequestInit): Promise<Response> => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(pageStampHeaders(stamp))) headers.set(name, value);
      const res = await fetch(url, { ...init, headers });
      // 409: the page was stale, and the answer's message says so itself.
      if (res.status === 401 || res.status === 403 || res.status === 409)
        check({ explained: res.status === 409 });
      return res;
    },
    [stamp, check],
  );
}
