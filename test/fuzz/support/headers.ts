/**
 * Hostile headers: Authorization values of every odd shape (Basic with junk, Bearer with junk or 10,000
 * characters, several schemes at once), and stray headers that are huge or strange. Values keep to
 * the bytes HTTP allows in a header (visible ASCII, space, tab, obs-text), as Node's parser would
 * refuse any other before Kiroku saw it.
 */
import fc from 'fast-check'
import { hostileString, hugeString } from './hostile-values.js'

/** `text` with every character a header cannot carry replaced by "?". */
export function headerSafe(text: string): string {
  return text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** Authorization values no client should send. */
export const junkAuthorization: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', 'Basic', 'Basic ', 'Basic =', 'Basic ====', 'Basic !!!!', 'basic Zm9vOmJhcg==', 'BASIC Zm9vOmJhcg==', 'Basic Zm9v', 'Basic Og==',
    `Basic ${base64(':')}`, `Basic ${base64('1:')}`, `Basic ${base64(':secret')}`, `Basic ${base64('%zz:%zz')}`, `Basic ${base64('1:%')}`,
    `Basic ${base64('\u0000:\u0000')}`, `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`, 'Basic Zm9vOmJhcg== extra',
    'Bearer', 'Bearer ', 'bearer x', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'Bearer null', 'Bearer undefined',
    'Bearer  two  spaces', 'Basic Zm9vOmJhcg==, Bearer x', 'Bearer x, Basic Zm9vOmJhcg==', 'Bearer x Bearer y', 'Digest username="a"',
    'Negotiate YIIB', 'Token x', 'x', ',', 'Basic\tZm9vOmJhcg==',
  ),
  fc.tuple(fc.constantFrom('Basic ', 'Bearer ', 'basic ', 'Bearer\t', ''), hostileString).map(([scheme, junk]) => headerSafe(scheme + junk)),
  fc.tuple(fc.constantFrom('', '1', '999999', '2147483648', '99999999999999999999', '-1', 'abc'), hostileString).map(([id, secret]) => `Basic ${base64(`${id}:${secret}`)}`),
  hugeString.map((s) => headerSafe(`Bearer ${s.slice(0, 10_000)}`)),
  hugeString.map((s) => headerSafe(`Basic ${s}`)),
)

/** Headers Kiroku reads or that frameworks trip on, with odd values; any of them may be huge. */
export const strayHeaders: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.tuple(
      fc.constantFrom('x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'cookie', 'accept', 'accept-encoding', 'user-agent', 'origin', 'referer', 'x-request-id', 'x-junk', 'x-http-method-override', 'forwarded'),
      fc.oneof(hostileString, fc.constantFrom('127.0.0.1', '::1', 'unknown, 10.0.0.1', 'https', 'evil.example', 'kiroku_session=x; kiroku_session=y', '__Host-kiroku_session=' + 'a'.repeat(300), 'DELETE', '*/*', 'gzip, br')),
    ),
    { maxLength: 3 },
  )
  .map((entries) => Object.fromEntries(entries.map(([name, value]) => [name, headerSafe(value)])))
