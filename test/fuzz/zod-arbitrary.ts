/**
 * fast-check arbitraries derived from the app's zod schemas: inputs shaped like the ones each
 * endpoint expects, so that fuzzing reaches past validation into the endpoint's body.
 *
 * Hand-written on purpose: zod-fast-check 0.10.1 (the maintained bridge) peers on zod 3 and
 * fast-check < 4, and with zod 4.6 it throws "'ZodObject' schemas are not supported" on the first
 * object; zocker 3 supports zod 4 but is a faker-based generator, not fast-check arbitraries (no
 * seed replay through fast-check, no shrinking, no per-field id pools). So this reads zod 4's
 * public `_zod.def` for the node kinds our schemas use, and fails loudly on any other kind, so
 * that a schema using a new kind is noticed instead of fuzzed with nothing.
 *
 * Refinements (`refine`, `superRefine`) cannot be inverted: their inputs come from field hints
 * (real dates, times) where it matters, and otherwise are refused, which is fuzzing too.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Arbitraries to use for object properties of these names, mixed with the derived ones. */
export type FieldHints = Record<string, fc.Arbitrary<unknown>>;

export interface DeriveOptions {
  hints?: FieldHints;
  /** Every uuid-format string is drawn from here (pool ids, random uuids). */
  uuid?: fc.Arbitrary<string>;
}

interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((c) => c._zod.def);

/** An arbitrary of values the schema's input side accepts, or nearly (see the header). */
export function arbitraryFor(
  schema: z.ZodType,
  options: DeriveOptions = {},
): fc.Arbitrary<unknown> {
  return derive(schema, options);
}

function derive(schema: unknown, o: DeriveOptions): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      // A format schema (`z.uuid()`, `z.email()`) is itself its format check.
      return stringArbitrary(
        def.format ? [def as unknown as CheckDef, ...checksOf(def)] : checksOf(def),
        o,
      );
    case 'number':
      return numberArbitrary(checksOf(def), def.coerce === true);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(derive(def.innerType, o), { nil: undefined });
    case 'nullable':
      return fc.option(derive(def.innerType, o), { nil: null });
    case 'default':
      return fc.option(derive(def.innerType, o), { nil: undefined });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((s) => derive(s, o)));
    case 'pipe': {
      // `preprocess` pipes a transform (which takes anything) into the real schema.
      if (defOf(def.in).type === 'transform') return derive(def.out, o);
      // Otherwise the input side, or the output side when the pipe only normalises (trim, e-mail).
      return defOf(def.out).type === 'transform'
        ? derive(def.in, o)
        : fc.oneof(derive(def.in, o), derive(def.out, o));
    }
    case 'object':
      return objectArbitrary(def.shape as Record<string, unknown>, o);
    default:
      throw new Error(`arbitraryFor: zod node kind "${def.type}" is not supported; add it here`);
  }
}

function objectArbitrary(
  shape: Record<string, unknown>,
  o: DeriveOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const derived = derive(field, o);
    const hint = o.hints?.[key];
    fields[key] = hint ? fc.oneof({ weight: 4, arbitrary: hint }, derived) : derived;
    const kind = defOf(field).type;
    if (kind !== 'optional' && kind !== 'default') requiredKeys.push(key);
  }
  return fc.record(fields, { requiredKeys });
}

function stringArbitrary(checks: CheckDef[], o: DeriveOptions): fc.Arbitrary<string> {
  let minLength = 0;
  let maxLength: number | undefined;
  let format: CheckDef | undefined;
  for (const c of checks) {
    if (c.check === 'min_length') minLength = c.minimum ?? 0;
    else if (c.check === 'max_length') maxLength = c.maximum ?? maxLength;
    else if (c.check === 'length_equals') minLength = maxLength = c.length ?? 0;
    else if (c.check === 'string_format') format = c;
  }
  const fits = (s: string) => s.length >= minLength && s.length <= (maxLength ?? Infinity);
  if (format?.format === 'uuid') return o.uuid ?? fc.uuid();
  // Only the schema's own limits filter a pattern's strings: a default cap shorter than every
  // match (a 43-character token) would make the filter loop forever.
  if (format?.pattern) return fc.stringMatching(format.pattern).filter(fits);
  if (format) throw new Error(`arbitraryFor: string format "${format.format}" is not supported`);
  // Short text most of the time (names, queries), up to the schema's limit sometimes.
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength ?? 40, 200)) });
}

function numberArbitrary(checks: CheckDef[], coerce: boolean): fc.Arbitrary<unknown> {
  let min = -1e6;
  let max = 1e6;
  let integer = false;
  for (const c of checks) {
    if (c.check === 'number_format') integer = c.format === 'safeint' || c.format === 'int32';
    else if (c.check === 'greater_than') min = (c.value ?? min) + (c.inclusive ? 0 : 1);
    else if (c.check === 'less_than') max = (c.value ?? max) - (c.inclusive ? 0 : 1);
  }
  const n: fc.Arbitrary<number> = integer
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true });
  // Coercing schemas get form text too ("30").
  return coerce ? fc.oneof(n, n.map(String)) : n;
}
