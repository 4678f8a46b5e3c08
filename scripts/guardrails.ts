/**
 * `npm run guardrails` (after `eslint .`): a static scan for the mistakes that would open a hole
 * between clinics. It parses every source file with the TypeScript compiler API (strings and
 * comments never match by accident) and fails when any rule finds something:
 *
 * - raw-db-client        raw connections or `sql.raw` outside db/ (and the explicit allow-list)
 * - tenant-query-bypass  tenant tables reached without tenantDb, or named in hand-written SQL
 * - role-name-authz      authorization by role name instead of by permission
 * - debug-endpoints      debug/test/seed routes or handlers shipped under app/
 * - unlisted-server-action  server actions the endpoint inventory would not see: an inline
 *                        `'use server'` in a function, or a `'use server'` module outside
 *                        app/, lib/, components/, inngest/
 * - test-only-walls      the wall modes (test/walls.ts, `WALLS`) reached from code that ships
 *
 * The rules are plain functions over in-memory files so that scripts/guardrails.test.ts can prove
 * each one catches a violation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ENDPOINT_DIRS, hasUseServerDirective } from './endpoints';

export const RULES = [
  'raw-db-client',
  'tenant-query-bypass',
  'role-name-authz',
  'debug-endpoints',
  'unlisted-server-action',
  'test-only-walls',
] as const;
export type RuleId = (typeof RULES)[number];

export interface SourceText {
  /** Repository-relative path with forward slashes, e.g. `lib/data/patients.ts`. */
  path: string;
  text: string;
}

export interface Violation {
  rule: RuleId;
  file: string;
  line: number;
  message: string;
}

export interface TenantTableDecl {
  /** The exported identifier, e.g. `clinicSettings`. */
  name: string;
  /** The SQL table name, e.g. `clinic_settings`. */
  sqlName: string;
  file: string;
}

// ---------------------------------------------------------------------------------------------
// Policy: what is allowed where. Mirrors eslint.config.mjs; keep the two in step.

/** Directories that may open raw connections (db/client, drivers). */
const RAW_CLIENT_ALLOWED_DIRS = ['db/', 'scripts/', 'test/', 'bench/'];
/** Directories where `sql.raw` may appear. */
const SQL_RAW_ALLOWED_DIRS = ['db/', 'test/', 'bench/'];
const DRIVER_MODULE =
  /^(?:pg|pg-copy-streams|@electric-sql\/pglite|drizzle-orm\/node-postgres|drizzle-orm\/pglite)(?:\/.*)?$/;

/** Where role-name checks are looked for, and the catalogue that may name roles. */
const AUTHZ_SCOPE_DIRS = ['app/', 'lib/', 'components/', 'inngest/'];
const AUTHZ_SCOPE_FILES = ['middleware.ts'];
const ROLE_CATALOGUE = 'lib/auth/permissions.ts';
export const ROLE_IDS = new Set([
  'clinic_admin',
  'doctor',
  'nurse',
  'receptionist',
  'system_admin',
]);

/** Path segments under app/ that mark a debug or test surface. */
const DEBUG_SEGMENTS = new Set([
  'debug',
  'test',
  'tests',
  'testing',
  'dev',
  'seed',
  'seeding',
  'playground',
  'sandbox',
  'mock',
  'mocks',
  'backdoor',
]);
/** Words in an exported name under app/ that mark a debug handler (`debugDump`, `POST_seed`). */
const DEBUG_EXPORT_WORDS = new Set(['debug', 'seed', 'test', 'backdoor']);

const SOURCE_EXT = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set([
  'node_modules',
  '.next',
  '.data',
  '.git',
  'coverage',
  'playwright-report',
  'test-results',
  // Stryker's sandbox (a copy of the tree, mutated) and its reports.
  '.stryker-tmp',
  'reports',
]);
const SKIP_PATHS = ['db/migrations/'];

export function isTestCode(file: string): boolean {
  return (
    file.startsWith('test/') ||
    file.startsWith('e2e/') ||
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(file)
  );
}

function isSeedCode(file: string): boolean {
  return (
    file.startsWith('db/seed/') ||
    /(^|\/)seed[^/]*\.[cm]?[jt]sx?$/.test(file) ||
    /\/seed\//.test(file)
  );
}

const under = (file: string, dirs: string[]) => dirs.some((d) => file.startsWith(d));

// ---------------------------------------------------------------------------------------------
// Parsing helpers

interface ImportRef {
  /** The specifier as written. */
  spec: string;
  /** Normalised: `@/db/client`, `../db/client` → `db/client`; packages stay as written. */
  module: string;
  line: number;
  /** Names imported (original names, i.e. `a` in `import { a as b }`). */
  names: string[];
  /** Local name of `import * as ns`. */
  namespace?: string;
}

interface Parsed {
  file: string;
  sf: ts.SourceFile;
  imports: ImportRef[];
}

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

export function normaliseModule(fromFile: string, spec: string): string {
  let target: string;
  if (spec.startsWith('@/')) target = spec.slice(2);
  else if (spec.startsWith('./') || spec.startsWith('../'))
    target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
  else return spec;
  return target.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\/index$/, '');
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

function parse(file: SourceText): Parsed {
  const sf = ts.createSourceFile(
    file.path,
    file.text,
    ts.ScriptTarget.Latest,
    true,
    scriptKind(file.path),
  );
  const imports: ImportRef[] = [];
  const add = (specNode: ts.Node, names: string[] = [], namespace?: string) => {
    if (!ts.isStringLiteralLike(specNode)) return;
    imports.push({
      spec: specNode.text,
      module: normaliseModule(file.path, specNode.text),
      line: lineOf(sf, specNode),
      names,
      namespace,
    });
  };
  walk(sf, (n) => {
    if (ts.isImportDeclaration(n)) {
      const names: string[] = [];
      let namespace: string | undefined;
      const clause = n.importClause;
      if (clause?.name) names.push('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespace = bindings.name.text;
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
      add(n.moduleSpecifier, names, namespace);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier) {
      const names: string[] = [];
      if (n.exportClause && ts.isNamedExports(n.exportClause))
        for (const el of n.exportClause.elements) names.push((el.propertyName ?? el.name).text);
      // `export * from '@/db/schema'` re-exports every table.
      add(n.moduleSpecifier, names, n.exportClause ? undefined : '*');
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      add(n.moduleReference.expression, [], n.name.text);
    } else if (ts.isCallExpression(n) && n.arguments.length > 0) {
      const isDynamicImport = n.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(n.expression) && n.expression.text === 'require';
      if (isDynamicImport || isRequire) add(n.arguments[0]!, [], '*');
    }
  });
  return { file: file.path, sf, imports };
}

const isRawModule = (m: string) => m === 'db/client' || DRIVER_MODULE.test(m);
const isControlModule = (m: string) => m === 'db/control' || m.startsWith('db/control/');
const isSchemaModule = (m: string) => m === 'db/schema' || m.startsWith('db/schema/');

function callsGetDb(sf: ts.SourceFile): ts.Node | undefined {
  let found: ts.Node | undefined;
  walk(sf, (n) => {
    if (!found && ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      if (n.expression.text === 'getDb') found = n;
    }
  });
  return found;
}

/** Text of SQL the file builds by hand: sql`...` templates and string arguments of query/execute. */
function handWrittenSql(sf: ts.SourceFile): { node: ts.Node; text: string }[] {
  const out: { node: ts.Node; text: string }[] = [];
  const templateText = (t: ts.TemplateLiteral) =>
    ts.isNoSubstitutionTemplateLiteral(t)
      ? t.text
      : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(' ? ');
  walk(sf, (n) => {
    if (ts.isTaggedTemplateExpression(n)) {
      const tag = n.tag;
      const tagName = ts.isIdentifier(tag)
        ? tag.text
        : ts.isPropertyAccessExpression(tag)
          ? tag.name.text
          : '';
      if (tagName === 'sql') out.push({ node: n, text: templateText(n.template) });
    } else if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ['query', 'execute', 'exec', 'raw'].includes(n.expression.name.text)
    ) {
      const arg = n.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)))
        out.push({ node: arg, text: arg.text });
      else if (arg && ts.isTemplateExpression(arg))
        out.push({ node: arg, text: templateText(arg) });
    }
  });
  return out;
}

function sqlMentions(text: string, tables: TenantTableDecl[]): string | undefined {
  for (const t of tables) {
    const re = new RegExp(
      `\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?(?:"?public"?\\.)?"?${t.sqlName}"?(?![\\w])`,
      'i',
    );
    if (re.test(text)) return t.sqlName;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Tenant tables: every `export const x = tenantTable('sql_name', ...)` under db/schema/.

export function findTenantTables(files: SourceText[]): TenantTableDecl[] {
  const out: TenantTableDecl[] = [];
  for (const file of files) {
    if (!file.path.startsWith('db/schema/') || !file.text.includes('tenantTable(')) continue;
    const { sf } = parse(file);
    walk(sf, (n) => {
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        ts.isCallExpression(n.initializer) &&
        ts.isIdentifier(n.initializer.expression) &&
        n.initializer.expression.text === 'tenantTable'
      ) {
        const first = n.initializer.arguments[0];
        out.push({
          name: n.name.text,
          sqlName: first && ts.isStringLiteralLike(first) ? first.text : n.name.text,
          file: file.path,
        });
      }
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules

function rawDbClient(p: Parsed): Violation[] {
  const out: Violation[] = [];
  if (!under(p.file, RAW_CLIENT_ALLOWED_DIRS) && !isTestCode(p.file)) {
    for (const imp of p.imports) {
      if (isRawModule(imp.module))
        out.push({
          rule: 'raw-db-client',
          file: p.file,
          line: imp.line,
          message: `imports ${imp.spec}: only db/ opens connections (use tenantDb or the control plane)`,
        });
    }
  }
  if (!under(p.file, SQL_RAW_ALLOWED_DIRS)) {
    walk(p.sf, (n) => {
      const isSqlRaw =
        (ts.isPropertyAccessExpression(n) &&
          ts.isIdentifier(n.expression) &&
          n.expression.text === 'sql' &&
          n.name.text === 'raw') ||
        (ts.isElementAccessExpression(n) &&
          ts.isIdentifier(n.expression) &&
          n.expression.text === 'sql' &&
          ts.isStringLiteralLike(n.argumentExpression) &&
          n.argumentExpression.text === 'raw');
      if (isSqlRaw)
        out.push({
          rule: 'raw-db-client',
          file: p.file,
          line: lineOf(p.sf, n),
          message: 'sql.raw outside db/, test/, bench/: build SQL with sql`` parameters',
        });
    });
  }
  return out;
}

/** Drizzle builder methods whose argument is the table a query reads or writes. */
const QUERY_TARGET_METHODS = new Set([
  'from',
  'insert',
  'update',
  'delete',
  'join',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
]);

/** The identifier (or `this`) a call/member chain such as `getDb().db.select().from` starts at. */
function chainRoot(expr: ts.Expression): ts.Expression {
  let e: ts.Expression = expr;
  for (;;) {
    if (
      ts.isPropertyAccessExpression(e) ||
      ts.isElementAccessExpression(e) ||
      ts.isCallExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isAwaitExpression(e)
    )
      e = e.expression;
    else return e;
  }
}

/** The parameter or variable an identifier refers to, by walking the enclosing scopes. */
function declarationOf(
  ident: ts.Identifier,
): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  const name = ident.text;
  for (let scope: ts.Node | undefined = ident.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const param of scope.parameters)
        if (ts.isIdentifier(param.name) && param.name.text === name) return param;
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
      for (const stmt of scope.statements) {
        if (!ts.isVariableStatement(stmt)) continue;
        for (const d of stmt.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.name.text === name) return d;
      }
    }
  }
  return undefined;
}

/**
 * Whether a receiver is a tenant scope: `tenantDb(...)` itself, something declared as a
 * `TenantScope` / `TenantDb`, a variable initialised from `tenantDb(...)`, or the callback
 * parameter of `<tenant>.transaction((t) => ...)`. A syntactic judgement: it cannot see types, so
 * it errs towards reporting.
 */
function isTenantReceiver(root: ts.Expression, sf: ts.SourceFile, depth = 0): boolean {
  if (depth > 8) return false;
  if (!ts.isIdentifier(root)) return false;
  if (root.text === 'tenantDb') return true;
  const decl = declarationOf(root);
  if (!decl) return false;
  if (decl.type && /\bTenant(?:Scope|Db)\b/.test(decl.type.getText(sf))) return true;
  if (ts.isVariableDeclaration(decl))
    return Boolean(
      decl.initializer && isTenantReceiver(chainRoot(decl.initializer), sf, depth + 1),
    );
  const fn = decl.parent;
  const call = fn.parent;
  if (
    call &&
    ts.isCallExpression(call) &&
    call.arguments.includes(fn as ts.Expression) &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.name.text === 'transaction'
  )
    return isTenantReceiver(chainRoot(call.expression.expression), sf, depth + 1);
  return false;
}

/**
 * Tenant tables are reached only through tenantDb. The rule looks at files that hold a raw handle
 * (import db/client or the control plane, or call getDb()) and reports every tenant table used as
 * the target of a query (`.from(patients)`, `.insert(patients)`, joins, ...) on a receiver that is
 * not a tenant scope. A file may legitimately do both kinds of work (the demo seed creates clinics
 * through the control plane and patients through tenantDb); what it may not do is point a raw
 * handle at a tenant table. The control plane (db/control/) must not reference tenant tables at
 * all. Hand-written SQL that names a tenant table (`sql\`… from patients …\``) is reported in
 * every file: the tenant scope filters every table it is handed, but cannot see one spelled out in
 * SQL text.
 */
function tenantQueryBypass(p: Parsed, tables: TenantTableDecl[]): Violation[] {
  const f = p.file;
  if (f === 'db/tenant.ts' || f.startsWith('db/schema/') || isTestCode(f) || f.startsWith('bench/'))
    return [];
  const out: Violation[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  const report = (node: ts.Node, message: string) =>
    out.push({ rule: 'tenant-query-bypass', file: f, line: lineOf(p.sf, node), message });

  // Local names bound to tenant tables, and namespaces bound to the whole schema.
  const localTables = new Map<string, string>();
  const namespaces = new Set<string>();
  walk(p.sf, (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      if (!isSchemaModule(normaliseModule(f, n.moduleSpecifier.text))) return;
      const bindings = n.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) {
          const original = (el.propertyName ?? el.name).text;
          if (byName.has(original)) localTables.set(el.name.text, original);
        }
    }
  });
  const tenantTableOf = (e: ts.Expression): string | undefined => {
    if (ts.isIdentifier(e)) return localTables.get(e.text);
    if (
      ts.isPropertyAccessExpression(e) &&
      ts.isIdentifier(e.expression) &&
      namespaces.has(e.expression.text) &&
      byName.has(e.name.text)
    )
      return e.name.text;
    return undefined;
  };

  if (f.startsWith('db/control/')) {
    for (const imp of p.imports) {
      if (!isSchemaModule(imp.module)) continue;
      for (const name of imp.names)
        if (byName.has(name))
          out.push({
            rule: 'tenant-query-bypass',
            file: f,
            line: imp.line,
            message: `the control plane imports tenant table ${name}: tenant data goes through tenantDb`,
          });
    }
    walk(p.sf, (n) => {
      if (ts.isPropertyAccessExpression(n) && tenantTableOf(n))
        report(n, `the control plane references tenant table ${n.getText(p.sf)}`);
    });
  }

  for (const q of handWrittenSql(p.sf)) {
    const table = sqlMentions(q.text, tables);
    if (table) report(q.node, `hand-written SQL on tenant table ${table} outside tenantDb`);
  }

  const rawImport = p.imports.find((i) => i.module === 'db/client' || isControlModule(i.module));
  const holdsRawHandle = Boolean(rawImport || callsGetDb(p.sf) || f.startsWith('db/control/'));
  if (!holdsRawHandle) return out;

  walk(p.sf, (n) => {
    if (
      !ts.isCallExpression(n) ||
      !ts.isPropertyAccessExpression(n.expression) ||
      !QUERY_TARGET_METHODS.has(n.expression.name.text)
    )
      return;
    const table = n.arguments[0] && tenantTableOf(n.arguments[0]);
    if (!table) return;
    const receiver = n.expression.expression;
    if (isTenantReceiver(chainRoot(receiver), p.sf)) return;
    report(
      n,
      `${receiver.getText(p.sf).slice(0, 40)}.${n.expression.name.text}(${table}) queries a tenant table outside tenantDb`,
    );
  });
  return out;
}

function roleLiteralInComparison(lit: ts.Node): boolean {
  let node: ts.Node = lit;
  let parent = node.parent;
  // Look through wrappers: ('doctor'), 'doctor' as const, ['doctor', 'nurse'], new Set([...]).
  while (
    parent &&
    (ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      (ts.isNewExpression(parent) && node !== parent.expression))
  ) {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return false;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return (
      node === lit &&
      (op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken)
    );
  }
  if (ts.isCaseClause(parent)) return parent.expression === node;
  const member = ['includes', 'indexOf', 'has', 'lastIndexOf'];
  // role.includes('doctor') / roles.indexOf('nurse')
  if (
    ts.isCallExpression(parent) &&
    parent.arguments.includes(node as ts.Expression) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    member.includes(parent.expression.name.text)
  )
    return true;
  // ['doctor', 'nurse'].includes(role) / new Set(['doctor']).has(role)
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === node &&
    member.includes(parent.name.text) &&
    parent.parent &&
    ts.isCallExpression(parent.parent)
  )
    return true;
  return false;
}

function roleNameAuthz(p: Parsed): Violation[] {
  const f = p.file;
  const inScope = under(f, AUTHZ_SCOPE_DIRS) || AUTHZ_SCOPE_FILES.includes(f);
  if (!inScope || f === ROLE_CATALOGUE || isTestCode(f) || isSeedCode(f)) return [];
  const out: Violation[] = [];
  walk(p.sf, (n) => {
    if (
      (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) &&
      ROLE_IDS.has(n.text) &&
      roleLiteralInComparison(n)
    )
      out.push({
        rule: 'role-name-authz',
        file: f,
        line: lineOf(p.sf, n),
        message: `compares against role '${n.text}': check a permission (lib/auth/permissions.ts) instead`,
      });
  });
  return out;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isDebugSegment(segment: string): boolean {
  const s = segment
    .replace(/^\(+|\)+$/g, '')
    .replace(/^\[+(?:\.\.\.)?|\]+$/g, '')
    .replace(/^[_@]+/, '')
    .toLowerCase();
  return DEBUG_SEGMENTS.has(s) || s.startsWith('debug') || segment.startsWith('__');
}

function exportedNames(sf: ts.SourceFile): { name: string; node: ts.Node }[] {
  const out: { name: string; node: ts.Node }[] = [];
  const exported = (n: ts.Node) =>
    ts.canHaveModifiers(n) &&
    (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const stmt of sf.statements) {
    if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && exported(stmt)) {
      if (stmt.name) out.push({ name: stmt.name.text, node: stmt });
    } else if (ts.isVariableStatement(stmt) && exported(stmt)) {
      for (const d of stmt.declarationList.declarations)
        if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, node: d });
    } else if (
      ts.isExportDeclaration(stmt) &&
      stmt.exportClause &&
      ts.isNamedExports(stmt.exportClause)
    ) {
      for (const el of stmt.exportClause.elements) out.push({ name: el.name.text, node: el });
    }
  }
  return out;
}

function debugEndpoints(p: Parsed): Violation[] {
  const f = p.file;
  if (!f.startsWith('app/')) return [];
  const out: Violation[] = [];
  const segments = f.split('/').slice(1, -1);
  const bad = segments.find(isDebugSegment);
  if (bad)
    out.push({
      rule: 'debug-endpoints',
      file: f,
      line: 1,
      message: `served under a debug/test path segment "${bad}": remove it or move it out of app/`,
    });
  for (const e of exportedNames(p.sf)) {
    if (words(e.name).some((w) => DEBUG_EXPORT_WORDS.has(w)))
      out.push({
        rule: 'debug-endpoints',
        file: f,
        line: lineOf(p.sf, e.node),
        message: `exports "${e.name}", which looks like a debug handler`,
      });
  }
  return out;
}

/** A function with a block body: the only place an inline directive can sit. */
function blockBody(n: ts.Node): ts.Block | undefined {
  const fn =
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n) ||
    ts.isConstructorDeclaration(n);
  return fn && n.body && ts.isBlock(n.body) ? n.body : undefined;
}

/**
 * Every server action is a public POST endpoint, so each must be where scripts/endpoints.ts finds
 * it (an export of a `'use server'` module under ENDPOINT_DIRS): the isolation matrix and the
 * permissions doc are built from that inventory. An inline `'use server'` (a function in a page or
 * component) is an endpoint nobody lists or checks; so is a `'use server'` module elsewhere.
 */
function unlistedServerAction(p: Parsed): Violation[] {
  if (isTestCode(p.file)) return [];
  const out: Violation[] = [];
  const report = (line: number, message: string) =>
    out.push({ rule: 'unlisted-server-action', file: p.file, line, message });
  if (hasUseServerDirective(p.sf) && !ENDPOINT_DIRS.some((d) => p.file.startsWith(`${d}/`)))
    report(
      1,
      `a 'use server' module outside ${ENDPOINT_DIRS.join('/, ')}/: the endpoint inventory never lists its actions`,
    );
  walk(p.sf, (n) => {
    // Directives are the string statements at the very start of a body (its prologue).
    for (const stmt of blockBody(n)?.statements ?? []) {
      if (!ts.isExpressionStatement(stmt) || !ts.isStringLiteral(stmt.expression)) break;
      if (stmt.expression.text === 'use server')
        report(
          lineOf(p.sf, stmt),
          `inline 'use server' makes this function an endpoint nobody lists: move it to a 'use server' module in lib/actions/ built with an action client`,
        );
    }
  });
  return out;
}

/** The test runner's own configuration, which selects the suites of a wall mode. */
const TEST_RUNNER_CONFIG = ['vitest.config.ts'];
const WALL_SWITCH = 'WALLS';

function isProcessEnv(e: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'process' &&
    e.name.text === 'env'
  );
}

/**
 * The wall modes (test/walls.ts) take walls away, so they must never exist in a production
 * build: no code that ships may import test code or read the `WALLS` switch
 * (`process.env.WALLS`, `process.env['WALLS']`, `const { WALLS } = process.env`).
 */
function testOnlyWalls(p: Parsed): Violation[] {
  const f = p.file;
  if (isTestCode(f) || TEST_RUNNER_CONFIG.includes(f)) return [];
  const out: Violation[] = [];
  const report = (line: number, message: string) =>
    out.push({ rule: 'test-only-walls', file: f, line, message });
  for (const imp of p.imports)
    if (imp.module === 'test' || imp.module.startsWith('test/'))
      report(imp.line, `imports ${imp.spec}: test code (and its wall modes) never ships`);
  walk(p.sf, (n) => {
    const readsSwitch =
      (ts.isPropertyAccessExpression(n) &&
        isProcessEnv(n.expression) &&
        n.name.text === WALL_SWITCH) ||
      (ts.isElementAccessExpression(n) &&
        isProcessEnv(n.expression) &&
        ts.isStringLiteralLike(n.argumentExpression) &&
        n.argumentExpression.text === WALL_SWITCH) ||
      (ts.isVariableDeclaration(n) &&
        n.initializer !== undefined &&
        isProcessEnv(n.initializer) &&
        ts.isObjectBindingPattern(n.name) &&
        n.name.elements.some((el) => (el.propertyName ?? el.name).getText(p.sf) === WALL_SWITCH));
    if (readsSwitch)
      report(lineOf(p.sf, n), `reads ${WALL_SWITCH}: the wall modes are for tests only`);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface ScanOptions {
  /** Defaults to the tenantTable() declarations found among `files`. */
  tenantTables?: TenantTableDecl[];
}

export function scan(files: SourceText[], options: ScanOptions = {}): Violation[] {
  const tables = options.tenantTables ?? findTenantTables(files);
  const out: Violation[] = [];
  for (const file of files) {
    const p = parse(file);
    out.push(...rawDbClient(p), ...tenantQueryBypass(p, tables), ...roleNameAuthz(p));
    out.push(...debugEndpoints(p), ...unlistedServerAction(p), ...testOnlyWalls(p));
  }
  return out.sort(
    (a, b) =>
      RULES.indexOf(a.rule) - RULES.indexOf(b.rule) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
}

export function collectFiles(root: string): SourceText[] {
  const out: SourceText[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || SKIP_PATHS.some((s) => `${rel}/`.startsWith(s))) continue;
        visit(abs);
      } else if (entry.isFile() && SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({ path: rel, text: fs.readFileSync(abs, 'utf8') });
      }
    }
  };
  visit(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export function formatReport(violations: Violation[]): string {
  const lines: string[] = [];
  for (const rule of RULES) {
    const mine = violations.filter((v) => v.rule === rule);
    lines.push(`${rule}: ${mine.length}`);
    for (const v of mine) lines.push(`  ${v.file}:${v.line}  ${v.message}`);
  }
  return lines.join('\n');
}

function main(): void {
  const root = process.cwd();
  const files = collectFiles(root);
  const tables = findTenantTables(files);
  if (tables.length === 0) {
    console.error(
      'guardrails: found no tenantTable() declarations under db/schema/; refusing to pass',
    );
    process.exitCode = 1;
    return;
  }
  const violations = scan(files, { tenantTables: tables });
  console.log(
    `guardrails: ${files.length} files, tenant tables: ${tables.map((t) => t.name).join(', ')}`,
  );
  console.log(formatReport(violations));
  if (violations.length > 0) {
    console.error(`guardrails: ${violations.length} violation(s)`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main();
