import 'server-only';
import { after } from 'next/server';

/**
 * Runs `task` once the response has been sent, so the request is not kept waiting (and, for a
 * password-reset request, its timing does not depend on the work). Outside a request (CLI,
 * tests) there is no "after the response": the task runs now and is awaited.
 */
export async function afterResponse(task: () => Promise<unknown>): Promise<void> {
  try {
    after(task);
  } catch {
    await task();
  }
}
