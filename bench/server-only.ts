import { register } from 'node:module';

let hooked = false;

/**
 * Application modules import 'server-only', which throws outside Next's react-server condition.
 * This resolve hook maps it to an empty module for the bench processes only. Modules that import
 * it must be imported (dynamically) after this call.
 */
export function allowServerOnly(): void {
  if (hooked) return;
  register(
    'data:text/javascript,' +
      encodeURIComponent(
        'export async function resolve(s, c, next) { if (s === "server-only") return { url: "data:text/javascript,", shortCircuit: true }; return next(s, c); }',
      ),
  );
  hooked = true;
}
