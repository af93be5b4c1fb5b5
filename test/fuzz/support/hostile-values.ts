/**
 * Arbitraries of hostile values: strings that break parsers, databases and templates, numbers at the
 * edges of every integer type, and JSON of every type nested deep, with keys that poison prototypes.
 * Huge values are one short unit repeated, so that generating them costs nothing and a counterexample
 * prints as the unit and its count rather than as 100,000 characters of noise.
 */
import fc from 'fast-check'

/** Strings each of which has broken some server somewhere. */
const NASTY_STRINGS = [
  '', ' ', '\t', '\u0000', 'a\u0000b', '\u0000\u0000', '\ud800', '\udfff', 'a\ud800b', '\udc00\ud800', '\ufeff', '\ufffe', '\uffff',
  '\u202e', '\u200f\u05e9\u05dc\u05d5\u05dd', 'مرحبا', '日本語', '😀', 'e\u0301', '\u0085', '\u2028', '\u00a0',
  '%', '%0', '%zz', '%00', '%C3%28', '%ED%A0%80', '%FF%FE', '%25', '%2F%2E%2E', '+', '%2B', '&', '=', '&=&', '?', '#', ';',
  '\r', '\n', '\r\n', 'a\r\nSet-Cookie: x=1', 'a\r\n\r\n<html>', '\\', '\\\\', '"', "'", '`', '\u001b[31m',
  '../', '../../etc/passwd', '/', '//', '///evil.example', '/\\evil.example', '\\\\evil.example',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '<%= 7*7 %>', '<%~ it %>', '{#', '<!--',
  "' OR 1=1 --", '"; DROP TABLE users; --', "\\'; SELECT pg_sleep(5); --", '%s%s%s%n', 'null', 'undefined', 'true', 'false',
  '0', '-0', '00', '01', '1', '-1', '1.0', '1e3', '1e308', '-1e308', '1e-400', 'NaN', 'Infinity', '-Infinity', '0x10', '0b1', '1_000',
  ' 1', '1 ', '１', '٣', '2147483647', '2147483648', '-2147483649', '4294967296', '9007199254740991', '9007199254740993',
  '9223372036854775807', '9223372036854775808', '18446744073709551616', '1'.repeat(40),
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__',
  '[]', '{}', '[object Object]', '{"a":1}', '[1,2]', 'Basic', 'Bearer', 'approve', 'deny', 'none', 'consent',
  'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'http://', 'https://', 'http://[::1',
]

/** Short units that make huge strings when repeated. */
const HUGE_UNITS = ['a', '0', '9', '\u0000', '\ud800', '%', '%00', '😀', '\\', '{', '[', '"', ' ', '\n', 'é', 'ab', '&a=', '<']

/** Lengths of a huge string, in units: the largest is 10^5 (a JSON body of it stays under the 1 MiB limit). */
const HUGE_COUNTS = [257, 2049, 4001, 10_000, 100_000]

/** A string of one unit repeated thousands of times. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HUGE_UNITS), fc.constantFrom(...HUGE_COUNTS))
  .map(([unit, count]) => unit.repeat(count))

/** One of the strings above. */
export const nastyString: fc.Arbitrary<string> = fc.constantFrom(...NASTY_STRINGS)

/** A short string of any code units, lone surrogates included. */
export const anyShortString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
)

/** A hostile string: nasty, random, huge, or a few of those glued together. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: anyShortString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: fc.array(fc.oneof(nastyString, anyShortString), { minLength: 2, maxLength: 5 }).map((parts) => parts.join('')) },
)

/** Numbers at the edges: -0, the largest doubles, both sides of every integer width, fractions. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, -0.5, 1e308, -1e308, 5e-324, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 1e21, 123456789.123),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Keys that poison prototypes or shadow methods, and keys of any kind. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', ''),
  anyShortString,
)

/** An object whose own properties are exactly `entries` (a `__proto__` entry stays a plain own property). */
export function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
  return object
}

/**
 * JSON nested `depth` levels deep, which exists only as text (jsonText): JSON.stringify and fast-check's
 * printer are recursive and overflow the stack at a few thousand levels, where JSON.parse does not.
 */
export class DeepJson {
  constructor(
    readonly depth: number,
    readonly asObject: boolean,
    readonly leaf: unknown,
  ) {}

  /** The value's JSON text. */
  text(): string {
    const [open, close] = this.asObject ? ['{"a":', '}'] : ['[', ']']
    return open.repeat(this.depth) + JSON.stringify(this.leaf) + close.repeat(this.depth)
  }

  [fc.toStringMethod](): string {
    return `DeepJson(${this.depth} ${this.asObject ? 'objects' : 'arrays'} around ${JSON.stringify(this.leaf)})`
  }
}

/** JSON nested far deeper than any real request. */
export const deeplyNested: fc.Arbitrary<DeepJson> = fc
  .tuple(fc.constantFrom(65, 200, 1000, 5000, 100_000), fc.boolean(), fc.constantFrom<unknown>(1, 'x', null, {}))
  .map(([depth, asObject, leaf]) => new DeepJson(depth, asObject, leaf))

/** Any JSON value: every type, hostile strings and numbers, hostile keys, and deep nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 2, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 5, arbitrary: hostileString },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(objectOf) },
    { weight: 1, arbitrary: deeplyNested },
  ),
})).value

/** A scalar of any JSON type other than a string (what a form can never send). */
export const nonStringJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false),
  hostileNumber,
  fc.array(hostileJson, { maxLength: 3 }),
  fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 3 }).map(objectOf),
)

/** JSON text of `value` (DeepJson included, at any depth); undefined for what JSON cannot hold. */
export function jsonText(value: unknown): string | undefined {
  if (value instanceof DeepJson) return value.text()
  if (Array.isArray(value)) return `[${value.map((item) => jsonText(item) ?? 'null').join(',')}]`
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value).flatMap((key) => {
      const text = jsonText((value as Record<string, unknown>)[key])
      return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`]
    })
    return `{${members.join(',')}}`
  }
  return JSON.stringify(value)
}
