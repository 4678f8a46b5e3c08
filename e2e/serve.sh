#!/usr/bin/env bash
# The Playwright web server (playwright.config.ts → webServer.command):
#   1. `next build` when .next has no production build or it is older than the sources
#      (E2E_SKIP_BUILD=1 skips this, e.g. when CI has just built);
#   2. a fresh database: with DATABASE_URL, a dedicated database next to it (clinic_e2e, dropped
#      and recreated; the database DATABASE_URL names is never touched); without it, a new PGlite
#      directory .data/e2e;
#   3. migrations and the demo seed (with NODE_ENV=test: the seed refuses production), and an
#      empty STORAGE_DIR (.data/e2e-storage);
#   4. exec `next start` on 127.0.0.1:$E2E_PORT with NODE_ENV=production.
# Playwright passes NODE_ENV=production, AUTH_SECRET, AUTH_URL, JOBS_DRIVER, SMTP_URL, MAIL_FROM
# and E2E_PORT. E2E_STORAGE_DIR moves the storage directory; E2E_JOIN=1 starts a further instance
# on the database and storage an earlier serve.sh prepared (steps 2 and 3 are skipped; Postgres
# only), as playwright.instances.config.ts does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${E2E_PORT:-3100}"
E2E_DATABASE="${E2E_DATABASE:-clinic_e2e}"
E2E_PGLITE_DIR=".data/e2e"
log() { echo "[e2e-serve] $*"; }

# Inputs of the production bundle. Tests, migrations and seed data do not change it.
BUILD_INPUTS=(app components lib db inngest middleware.ts instrumentation.ts next.config.mjs
  postcss.config.mjs tsconfig.json package.json package-lock.json)

build_is_stale() {
  [ -f .next/BUILD_ID ] || return 0
  local inputs=() newer
  for p in "${BUILD_INPUTS[@]}"; do [ -e "$p" ] && inputs+=("$p"); done
  newer=$(find "${inputs[@]}" -type f -newer .next/BUILD_ID \
    -not -name '*.test.ts' -not -name '*.test.tsx' \
    -not -path 'db/migrations/*' -not -path 'db/seed/*' -print -quit)
  if [ -n "$newer" ]; then
    log "build is older than $newer"
    return 0
  fi
  return 1
}

started=$(date +%s)
if [ "${E2E_SKIP_BUILD:-}" = "1" ]; then
  log "E2E_SKIP_BUILD=1: using the existing build"
  [ -f .next/BUILD_ID ] || { log "no production build in .next: run npm run build" >&2; exit 1; }
elif build_is_stale; then
  log "building (next build)…"
  npm run build
  log "built in $(($(date +%s) - started))s"
else
  log "production build is up to date"
fi

JOIN="${E2E_JOIN:-}"
if [ "$JOIN" = "1" ] && [ -z "${DATABASE_URL:-}" ]; then
  log "E2E_JOIN=1 needs DATABASE_URL: two processes cannot share a PGlite directory" >&2
  exit 1
fi

if [ -n "${DATABASE_URL:-}" ]; then
  [[ "$E2E_DATABASE" =~ ^[a-z_][a-z0-9_]*$ ]] || { log "bad E2E_DATABASE: $E2E_DATABASE" >&2; exit 1; }
  # node + pg (a dependency) so that no psql client is needed.
  DATABASE_URL=$(node -e '
    const pg = require("pg");
    const [base, name, join] = process.argv.slice(1);
    const at = (db) => { const u = new URL(base); u.pathname = `/${db}`; return u.toString(); };
    (async () => {
      if (join === "1") return console.log(at(name));
      const admin = new pg.Client({ connectionString: at("postgres") });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      console.log(at(name));
    })().catch((err) => { console.error(err); process.exit(1); });
  ' "$DATABASE_URL" "$E2E_DATABASE" "$JOIN")
  export DATABASE_URL
  log "Postgres database $E2E_DATABASE ($([ "$JOIN" = "1" ] && echo joined || echo fresh))"
else
  export PGLITE_DIR="$E2E_PGLITE_DIR"
  rm -rf "$PGLITE_DIR" "$PGLITE_DIR.lock"
  log "fresh PGlite directory $PGLITE_DIR"
fi

# Uploaded and generated files of this run, kept apart from development's.
export STORAGE_DIR="${E2E_STORAGE_DIR:-.data/e2e-storage}"

if [ "$JOIN" != "1" ]; then
  rm -rf "$STORAGE_DIR"
  # The seed script migrates first.
  NODE_ENV=test npx tsx scripts/seed.ts
fi
log "database ready after $(($(date +%s) - started))s; starting next on 127.0.0.1:$PORT"

export NODE_ENV=production
exec npx next start -H 127.0.0.1 -p "$PORT"
