/**
 * Next's `after()` (work that runs once the response is sent) outside a request: test/setup.ts
 * mocks it to start the task at once and keep its promise here, so a test can wait for the work
 * a call left behind (the password-reset mail) before it looks at the database or the mailbox.
 */
const pending: Promise<unknown>[] = [];

export function runAfter(task: unknown): void {
  pending.push(Promise.resolve().then(() => (typeof task === 'function' ? task() : task)));
}

/** Waits for every task started so far (and any they started). */
export async function settleAfterTasks(): Promise<void> {
  while (pending.length > 0) await Promise.all(pending.splice(0));
}
