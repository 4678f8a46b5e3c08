/**
 * Finds every endpoint the app exposes, by parsing the source (TypeScript compiler API, so strings
 * and comments never match by accident):
 *
 * - server actions: every export of a module that starts with `'use server'` (each one is a
 *   public POST endpoint, whatever its name), with the action client it was built from and the
 *   permission its metadata names;
 * - route handlers: every HTTP-method export of an `app/**\/route.ts`, with the permission a
 *   `withClinic(handler, { permission })` wrapper names.
 *
 * Used by the isolation matrix's coverage check (test/isolation-matrix.int.test.ts) and by the
 * permissions doc generator (scripts/permissions-doc.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceText {
  /** Repository-relative, forward slashes. */
  path: string;
  text: string;
}

export interface ActionEndpoint {
  kind: 'action';
  /** `lib/control/actions/create-clinic.ts#createClinicAction` */
  id: string;
  file: string;
  exportName: string;
  /** The action client at the root of the builder chain (`clinicAction`, ...), if any. */
  client: string | null;
  /** The `permission` named in `.metadata({ ... })`, if any. */
  permission: string | null;
}

export interface RouteEndpoint {
  kind: 'route';
  /** `app/api/patients/search/route.ts#GET` */
  id: string;
  file: string;
  method: string;
  /** The URL path, e.g. `/api/patients/search`. */
  urlPath: string;
  /** The wrapper the handler is built with (`withClinic`), if any. */
  wrapper: string | null;
  permission: string | null;
}

export type Endpoint = ActionEndpoint | RouteEndpoint;

/** Where endpoints can live. */
export const ENDPOINT_DIRS = ['app', 'lib', 'components', 'inngest'];

/**
 * Routes outside the matrix, each for a stated reason: next-auth's own handlers (sign-in is
 * covered by its own tests), the public health probe, and Inngest's signed endpoint.
 */
export const EXCLUDED_ROUTES = [
  'app/api/auth/[...nextauth]/route.ts',
  'app/api/health/route.ts',
  'app/api/inngest/route.ts',
];

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const SOURCE = /\.(?:ts|tsx)$/;
const SKIP_DIRS = new Set(['node_modules', '.next', '.data', '.git']);

export function isTestFile(file: string): boolean {
  return /\.(?:test|spec)\.tsx?$/.test(file) || file.startsWith('test/') || file.startsWith('e2e/');
}

/** Source files under the endpoint directories, tests left out. */
export function collectEndpointSources(root: string, dirs = ENDPOINT_DIRS): SourceText[] {
  const out: SourceText[] = [];
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) visit(abs);
        continue;
      }
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (!SOURCE.test(entry.name) || entry.name.endsWith('.d.ts') || isTestFile(rel)) continue;
      out.push({ path: rel, text: fs.readFileSync(abs, 'utf8') });
    }
  };
  for (const dir of dirs) visit(path.join(root, dir));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function parse(file: SourceText): ts.SourceFile {
  return ts.createSourceFile(
    file.path,
    file.text,
    ts.ScriptTarget.Latest,
    true,
    file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

/** True when the module's directive prologue holds `'use server'`. */
export function hasUseServerDirective(sf: ts.SourceFile): boolean {
  for (const stmt of sf.statements) {
    if (!ts.isExpressionStatement(stmt) || !ts.isStringLiteral(stmt.expression)) return false;
    if (stmt.expression.text === 'use server') return true;
  }
  return false;
}

const isExported = (n: ts.Node) =>
  ts.canHaveModifiers(n) &&
  (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names a destructuring pattern binds, nested patterns included. */
function boundNames(pattern: ts.BindingName): string[] {
  if (ts.isIdentifier(pattern)) return [pattern.text];
  return pattern.elements.flatMap((el) => (ts.isBindingElement(el) ? boundNames(el.name) : []));
}

/** Exported names with the expression that defines them (when it is in this file). */
function exportsOf(sf: ts.SourceFile): { name: string; init: ts.Node | undefined }[] {
  const out: { name: string; init: ts.Node | undefined }[] = [];
  const locals = new Map<string, ts.Node | undefined>();
  for (const stmt of sf.statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) {
          // `export const { GET, POST } = serve(...)`: each bound name is an export.
          if (isExported(stmt))
            for (const name of boundNames(d.name)) out.push({ name, init: undefined });
          continue;
        }
        locals.set(d.name.text, d.initializer);
        if (isExported(stmt)) out.push({ name: d.name.text, init: d.initializer });
      }
    } else if (ts.isFunctionDeclaration(stmt) && stmt.name) {
      locals.set(stmt.name.text, stmt);
      if (isExported(stmt)) out.push({ name: stmt.name.text, init: stmt });
    }
  }
  for (const stmt of sf.statements) {
    if (!ts.isExportDeclaration(stmt)) continue;
    if (!stmt.exportClause) {
      // `export * from './x'`: every export of x is an endpoint we cannot see here.
      out.push({ name: '*', init: undefined });
      continue;
    }
    if (ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        out.push({
          name: el.name.text,
          init: stmt.moduleSpecifier ? undefined : locals.get(local),
        });
      }
    }
  }
  if (sf.statements.some((s) => ts.isExportAssignment(s)))
    out.push({ name: 'default', init: undefined });
  return out;
}

/** The identifier at the root of `a.b(...).c(...).d(...)`. */
function chainRoot(node: ts.Node): string | null {
  let n: ts.Node = node;
  for (;;) {
    if (ts.isCallExpression(n)) n = n.expression;
    else if (ts.isPropertyAccessExpression(n)) n = n.expression;
    else if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n))
      n = n.expression;
    else break;
  }
  return ts.isIdentifier(n) ? n.text : null;
}

function stringProperty(obj: ts.Expression | undefined, key: string): string | null {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
  for (const prop of obj.properties) {
    if (
      ts.isPropertyAssignment(prop) &&
      (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) &&
      prop.name.text === key &&
      (ts.isStringLiteral(prop.initializer) || ts.isNoSubstitutionTemplateLiteral(prop.initializer))
    )
      return prop.initializer.text;
  }
  return null;
}

/** The `permission` of a `.metadata({ ... })` call anywhere in the builder chain. */
function metadataPermission(node: ts.Node): string | null {
  let found: string | null = null;
  const visit = (n: ts.Node) => {
    if (
      !found &&
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'metadata'
    )
      found = stringProperty(n.arguments[0], 'permission');
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** `app/(clinic)/api/x/[id]/route.ts` → `/api/x/[id]` */
export function routeUrlPath(file: string): string {
  const segments = file
    .replace(/^app\//, '')
    .split('/')
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return `/${segments.join('/')}`;
}

/** `excluded`: route files left out (the matrix's; the fuzzer passes [] to see every route). */
export function findEndpoints(files: SourceText[], excluded = EXCLUDED_ROUTES): Endpoint[] {
  const out: Endpoint[] = [];
  for (const file of files) {
    const sf = parse(file);
    if (hasUseServerDirective(sf)) {
      for (const { name, init } of exportsOf(sf)) {
        out.push({
          kind: 'action',
          id: `${file.path}#${name}`,
          file: file.path,
          exportName: name,
          client: init && !ts.isFunctionDeclaration(init) ? chainRoot(init) : null,
          permission: init ? metadataPermission(init) : null,
        });
      }
    }
    if (/^app\/.*\/route\.tsx?$/.test(file.path) && !excluded.includes(file.path)) {
      for (const { name, init } of exportsOf(sf)) {
        if (!HTTP_METHODS.has(name)) continue;
        const call = init && ts.isCallExpression(init) ? init : undefined;
        const wrapper = call && ts.isIdentifier(call.expression) ? call.expression.text : null;
        out.push({
          kind: 'route',
          id: `${file.path}#${name}`,
          file: file.path,
          method: name,
          urlPath: routeUrlPath(file.path),
          wrapper,
          permission: call ? stringProperty(call.arguments[1], 'permission') : null,
        });
      }
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export function findRepoEndpoints(root = process.cwd(), excluded = EXCLUDED_ROUTES): Endpoint[] {
  return findEndpoints(collectEndpointSources(root), excluded);
}
