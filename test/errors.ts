/** Drizzle wraps driver errors ("Failed query: …"); the Postgres message is in the cause chain. */
export async function rejectionMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const parts: string[] = [];
    for (let e: unknown = err; e instanceof Error; e = e.cause) {
      parts.push(e.message, (e as { constraint?: string }).constraint ?? '');
    }
    return parts.join(' | ');
  }
  throw new Error('expected the promise to reject, but it resolved');
}
