/**
 * Next 15.5 ships a React whose time-sliced hydration mis-places its cursor when a host element is
 * replayed after a child suspended on data that arrived during the yield (facebook/react#35210).
 * Next streams every page's RSC payload in chunks, and a large page defers elements past 3,200
 * bytes into later chunks, so on a busy server a table of rows could fail to hydrate: React #418,
 * and the whole page re-rendered on the client. patches/next+15.5.29.patch carries the upstream
 * fix (#35494) into Next's React; this proves it is applied, in both builds, on the smallest tree
 * that shows the bug (the upstream issue's own reproduction, #37584).
 */
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';

const SERVER_HTML =
  '<div id="outer"><p id="before">before</p><div id="target"><section id="child">lazy child</section></div><p id="after">after</p></div>';

/** The client: a lazy element in a host element's children, as Flight delivers deferred rows. */
const CLIENT = `
import React from 'next/dist/compiled/react';
import { hydrateRoot } from 'next/dist/compiled/react-dom/client';

// A thenable in React's status protocol, like a Flight chunk: pending when React first renders it,
// fulfilled by the next macrotask, i.e. inside the yield of time-sliced hydration.
function pendingChunk(value) {
  const listeners = [];
  const chunk = { status: 'pending', then: (resolve) => listeners.push(resolve) };
  setTimeout(() => {
    Object.assign(chunk, { status: 'fulfilled', value });
    listeners.forEach((resolve) => resolve(value));
  });
  return chunk;
}
const child = React.lazy(() =>
  pendingChunk({ default: React.createElement('section', { id: 'child' }, 'lazy child') }),
);
// Passive effects run after the commit, which has already reported any recoverable error.
function Committed() {
  React.useEffect(() => { window.hydrationDone = true; }, []);
  return null;
}
const App = () =>
  React.createElement('div', { id: 'outer' },
    React.createElement(Committed),
    React.createElement('p', { id: 'before' }, 'before'),
    React.createElement('div', { id: 'target' }, child),
    React.createElement('p', { id: 'after' }, 'after'));

window.hydrationErrors = [];
React.startTransition(() => {
  hydrateRoot(document.getElementById('root'), React.createElement(App), {
    onRecoverableError: (error) => window.hydrationErrors.push(String(error.message)),
  });
});
`;

async function bundle(mode: 'production' | 'development'): Promise<string> {
  const out = await build({
    stdin: { contents: CLIENT, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

for (const mode of ['production', 'development'] as const) {
  test(`a replayed host element hydrates without a mismatch (${mode} React)`, async ({ page }) => {
    const script = await bundle(mode);
    // Several runs: the bug, when present, fails every one of them (it is not timing-dependent here).
    for (let run = 0; run < 5; run++) {
      await page.setContent(`<div id="root">${SERVER_HTML}</div><script>${script}</script>`);
      await page.waitForFunction(() => 'hydrationDone' in window);
      await expect(page.locator('#child')).toHaveText('lazy child');
      expect(
        await page.evaluate(
          () => (window as unknown as { hydrationErrors: string[] }).hydrationErrors,
        ),
      ).toEqual([]);
    }
  });
}
