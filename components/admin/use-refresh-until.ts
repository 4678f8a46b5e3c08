'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Re-renders the page from the server every `everyMs` while `waiting`, until `done` turns true or
 * `giveUpMs` passes: for work that finishes after the action's response (a retention run in this
 * process, or in Inngest), so its result appears without a manual reload.
 */
export function useRefreshUntil({
  done,
  everyMs = 1500,
  giveUpMs = 120_000,
}: {
  done: boolean;
  everyMs?: number;
  giveUpMs?: number;
}) {
  const router = useRouter();
  const [since, setSince] = useState<number | null>(null);
  const waiting = since !== null && !done;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (Date.now() - since > giveUpMs) setSince(null);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [waiting, since, everyMs, giveUpMs, router]);

  useEffect(() => {
    if (done) setSince(null);
  }, [done]);

  return { waiting, start: () => setSince(Date.now()) };
}
