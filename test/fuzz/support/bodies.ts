/**
 * Parameters and how they travel: a list of name/value pairs (names may repeat, values may be any JSON
 * or a Live), encoded as a query string, a form, JSON (or JSON text with duplicate keys), multipart,
 * bytes that are not UTF-8, or text that is not JSON, under the right content type, a wrong one, or
 * none. Generation only picks the shape; `encodeBody` makes the bytes once the Lives are resolved.
 */
import fc from 'fast-check'
import { hostileJson, hostileKey, hostileString, hugeString, jsonText, nonStringJson, objectOf } from './hostile-values.js'

/** One parameter as sent; a name may come more than once. */
export type Pair = readonly [name: string, value: unknown]

/** What a value of a known parameter may be: its real values (weighted up) or anything hostile. */
export function paramValue(good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: good }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: nonStringJson })
}

/**
 * Pairs for an endpoint whose parameters are `known` (name → good values): each known parameter is
 * present most of the time, now and then twice, with a value from `paramValue`; a few stray names
 * (prototype keys among them) join in.
 */
export function paramPairs(known: Record<string, fc.Arbitrary<unknown>>, presence = 0.75): fc.Arbitrary<Pair[]> {
  const perName = Object.entries(known).map(([name, good]) =>
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(paramValue(good), { minLength: 1, maxLength: 3, depthIdentifier: name }), fc.integer({ min: 0, max: 9 }))
      // Repeated parameters are rarer than single ones: one in ten present parameters comes twice or more.
      .map(([roll, values, repeatRoll]): Pair[] => (roll > presence ? [] : (repeatRoll === 0 ? values : values.slice(0, 1)).map((v) => [name, v] as const))),
  )
  const strays = fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 2 })
  return fc.tuple(fc.tuple(...perName), strays, fc.boolean()).map(([groups, extra, reversed]) => {
    const pairs = [...groups.flat(), ...extra.map(([k, v]) => [k, v] as const)]
    return reversed ? pairs.reverse() : pairs
  })
}

/** One change to a valid request. */
type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'repeat'; at: number; value: unknown }
  | { kind: 'add'; name: string; value: unknown }

/**
 * A valid request (`valid`) with none to three changes: a parameter dropped, one's value replaced by a
 * hostile one, one repeated, a stray one added. A third of the cases stay valid, so that the server's
 * deepest code (codes issued, tokens minted, redirects made) runs under the same invariants.
 */
export function mutatedPairs(valid: fc.Arbitrary<Pair[]>, known: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Pair[]> {
  const names = Object.keys(known)
  // Huge values get a share of their own: deep in a valid request is where a slow path would hide.
  const anyValue = fc.oneof(hostileString, hugeString, nonStringJson, ...Object.values(known))
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.nat().map((at): Mutation => ({ kind: 'drop', at })),
    fc.tuple(fc.nat(), anyValue).map(([at, value]): Mutation => ({ kind: 'replace', at, value })),
    fc.tuple(fc.nat(), anyValue).map(([at, value]): Mutation => ({ kind: 'repeat', at, value })),
    fc.tuple(fc.oneof(fc.constantFrom(...names), hostileKey), anyValue).map(([name, value]): Mutation => ({ kind: 'add', name, value })),
  )
  const mutations = fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
  return fc.tuple(valid, mutations).map(([pairs, changes]) => {
    const out = [...pairs]
    for (const change of changes) {
      if (change.kind === 'add') out.push([change.name, change.value])
      else if (out.length > 0) {
        const at = change.at % out.length
        if (change.kind === 'drop') out.splice(at, 1)
        else if (change.kind === 'replace') out[at] = [out[at]![0], change.value]
        else out.splice(at + 1, 0, [out[at]![0], change.value])
      }
    }
    return out
  })
}

/** Mostly valid requests changed a little (mutatedPairs), sometimes parameters drawn at random (paramPairs). */
export function requestPairs(valid: fc.Arbitrary<Pair[]>, known: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Pair[]> {
  return fc.oneof({ weight: 3, arbitrary: mutatedPairs(valid, known) }, { weight: 1, arbitrary: paramPairs(known) })
}

/** How the pairs travel. */
export type Encoding =
  | 'form'
  | 'json'
  | 'json-duplicate-keys'
  | 'form-as-json'
  | 'json-as-form'
  | 'form-bad-utf8'
  | 'json-bad-utf8'
  | 'multipart'
  | 'raw'

/** A content type (or none) for a body that is not what its type says. */
export const strangeContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  '',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/graphql',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=zz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'application/json, text/plain',
  'APPLICATION/JSON',
  'application/json; charset=utf-8; charset=utf-16',
  'application/vnd.api+json',
  'application/*',
  '*/*',
  ';;;',
  `application/json; x=${'a'.repeat(5000)}`,
)

/** Text that is not a JSON object, or not JSON at all. */
const rawText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'null', 'true', '0', '-0', '1e999', '"text"', '[]', '[{}]', '{', '}', '{"a":', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":Infinity}', '\ufeff{}', '{}garbage', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', 'a=1&a=2', '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zz--', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '[' .repeat(10_000), '{"a":'.repeat(5000)),
  hostileString,
  hostileJson.map((v) => jsonText(v) ?? 'undefined'),
)

// Lone continuation bytes, overlong forms, encoded surrogates, truncated sequences.
const BAD_UTF8 = [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc3], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]].map((b) => Buffer.from(b))
/** Bytes that are not UTF-8, one to three of the sequences above. */
export const badUtf8: fc.Arbitrary<Buffer> = fc.array(fc.constantFrom(...BAD_UTF8), { minLength: 1, maxLength: 3 }).map((parts) => Buffer.concat(parts))

/** A body's shape, before the Lives in its pairs are resolved. */
export interface BodyShape {
  encoding: Encoding
  /** For raw bodies: the text or bytes, sent as they are. */
  raw?: string | Buffer
  /** The bytes spliced into a value for the bad-UTF-8 encodings. */
  badBytes?: Buffer
  /** Overrides the encoding's own content type when set (null: send none). */
  contentType?: string | null
  boundary?: string
}

/** A body's shape: mostly the endpoint's own encodings, sometimes something else entirely. */
export function bodyShape(ownEncodings: readonly Encoding[] = ['form', 'json']): fc.Arbitrary<BodyShape> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...ownEncodings).map((encoding): BodyShape => ({ encoding })) },
    { weight: 1, arbitrary: fc.constantFrom<Encoding>('json-duplicate-keys', 'form-as-json', 'json-as-form').map((encoding): BodyShape => ({ encoding })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom<Encoding>('form-bad-utf8', 'json-bad-utf8'), badUtf8).map(([encoding, badBytes]): BodyShape => ({ encoding, badBytes })) },
    { weight: 1, arbitrary: fc.constantFrom('zz', '', '----x'.repeat(20), '"quoted"').map((boundary): BodyShape => ({ encoding: 'multipart', boundary })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(rawText, badUtf8), fc.oneof(strangeContentType, fc.constantFrom('application/json', 'application/x-www-form-urlencoded')))
        .map(([raw, contentType]): BodyShape => ({ encoding: 'raw', raw, contentType: contentType ?? null })),
    },
  )
}

/** A value as text inside a form or multipart part: strings as they are, anything else as its JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : (jsonText(value) ?? 'undefined')
}

/**
 * Percent-encodes `text`'s UTF-8 bytes for a query string or form. With `keepPercent`, a "%" in the
 * text stays as it is, so that nasty strings such as "%zz" or "%ED%A0%80" reach the server's decoder.
 */
export function percentEncode(text: string, keepPercent = false): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte)
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepPercent && c === '%')) out += c
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** The pairs as `a=1&b=2`, names and values percent-encoded (a "%" kept raw when `keepPercent`). */
export function formText(pairs: readonly Pair[], keepPercent = false): string {
  return pairs.map(([k, v]) => `${percentEncode(k, keepPercent)}=${percentEncode(asText(v), keepPercent)}`).join('&')
}

/** JSON text of an object with the pairs as members, in order, duplicate names kept. */
function jsonTextWithDuplicates(pairs: readonly Pair[]): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v) ?? 'null'}`).join(',')}}`
}

export interface EncodedBody {
  payload: string | Buffer
  /** The content-type header to send; undefined sends none. */
  contentType: string | undefined
}

/** The bytes of a body of `shape` carrying `pairs` (Lives already resolved). */
export function encodeBody(shape: BodyShape, pairs: readonly Pair[]): EncodedBody {
  const typed = (payload: string | Buffer, own: string): EncodedBody => ({ payload, contentType: shape.contentType === null ? undefined : (shape.contentType ?? own) })
  const FORM = 'application/x-www-form-urlencoded'
  const JSON_TYPE = 'application/json'
  switch (shape.encoding) {
    case 'form':
      return typed(formText(pairs, pairs.length % 3 === 0), FORM)
    case 'json':
      return typed(jsonText(objectOf(pairs))!, JSON_TYPE)
    case 'json-duplicate-keys':
      return typed(jsonTextWithDuplicates(pairs), JSON_TYPE)
    case 'form-as-json':
      return typed(formText(pairs), JSON_TYPE)
    case 'json-as-form':
      return typed(jsonText(objectOf(pairs))!, FORM)
    case 'form-bad-utf8': {
      const [first, ...rest] = formText(pairs).split('&')
      return typed(Buffer.concat([Buffer.from(`${first ?? 'a='}`), shape.badBytes!, Buffer.from(rest.length ? `&${rest.join('&')}` : '')]), FORM)
    }
    case 'json-bad-utf8': {
      const text = jsonText(objectOf([['bad', '\u0001'], ...pairs]))!
      const at = text.indexOf('\\u0001')
      return typed(Buffer.concat([Buffer.from(text.slice(0, at)), shape.badBytes!, Buffer.from(text.slice(at + 6))]), JSON_TYPE)
    }
    case 'multipart': {
      const boundary = shape.boundary ?? 'zz'
      const parts = pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${asText(k)}"\r\n\r\n${asText(v)}\r\n`)
      return typed(`${parts.join('')}--${boundary}--\r\n`, `multipart/form-data; boundary=${boundary}`)
    }
    case 'raw':
      return { payload: shape.raw ?? '', contentType: shape.contentType ?? undefined }
  }
}
