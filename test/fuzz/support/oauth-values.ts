/**
 * Values of the OAuth parameters: the real ones and the near misses that open redirects and grant
 * confusions are made of (a redirect URI with a trailing slash, another port, userinfo, a fragment;
 * response types in the wrong case; PKCE challenges of the wrong length).
 */
import fc from 'fast-check'
import { allClients, type World } from './world.js'

/** Ways to change a registered redirect URI into one that is not registered (or, for loopback, is). */
const URI_CHANGES: ReadonlyArray<(uri: string) => string> = [
  (u) => `${u}/`,
  (u) => u.replace(/\/$/, ''),
  (u) => `${u}?`,
  (u) => `${u}#`,
  (u) => `${u}#frag`,
  (u) => `${u}?next=https://evil.example`,
  (u) => `${u}&x=2`,
  (u) => `${u}@evil.example`,
  (u) => `${u}.evil.example`,
  (u) => `${u}/../../evil`,
  (u) => `${u}%2F..%2Fevil`,
  (u) => `${u}%00`,
  (u) => `${u}\u0000`,
  (u) => `${u}\r\nLocation: https://evil.example`,
  (u) => ` ${u}`,
  (u) => u.toUpperCase(),
  (u) => u.replace('://', '://evil.example@'),
  (u) => u.replace('://', ':/\\'),
  (u) => u.replace('://', '://evil.example\\@'),
  (u) => u.replace(/^https?:/, 'javascript:'),
  (u) => u.replace(/^https:/, 'http:'),
  (u) => u.replace(/^(\w+:\/\/[^/?#]+)/, '$1:443'),
  (u) => u.replace(/^(\w+:\/\/[^/?#]+)/, '$1:8443'),
  (u) => u.replace(/^(\w+:\/\/[^/?#:]+)/, '$1.'),
  (u) => u.replace('127.0.0.1', '127.0.0.1:65535'),
  (u) => u.replace('127.0.0.1', '127.0.0.1:65536'),
  (u) => u.replace('127.0.0.1', '127.0.0.1:0'),
  (u) => u.replace('127.0.0.1', '127.0.0.1:8080@evil.example'),
  (u) => u.replace('127.0.0.1', 'localhost:8080'),
  (u) => u.replace('127.0.0.1', '[::1]:9000'),
  (u) => u.replace('127.0.0.1', '127.0.0.2'),
  (u) => encodeURI(u),
  (u) => encodeURIComponent(u),
]

/** Registered redirect URIs (of any client: one client's URI is another's near miss) and changed ones. */
export function redirectUriValues(world: World): fc.Arbitrary<string> {
  const registered = allClients(world).flatMap((c) => c.client.redirectUris)
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...registered) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...registered), fc.constantFrom(...URI_CHANGES)).map(([uri, change]) => change(uri)) },
    { weight: 1, arbitrary: fc.constantFrom('https://evil.example/callback', '//evil.example', '/\\evil.example', 'evil.example', 'https:evil.example', 'http://127.0.0.1:1/x', 'myapp:callback', 'MYAPP://callback', 'myapp://callback/', 'data:text/html,x', '') },
  )
}

/** response_type values: the two real ones, and near misses. */
export const responseTypeValues = fc.constantFrom('code', 'token', 'code', 'token', 'CODE', 'Token', 'code token', 'token code', 'id_token', 'none', ' code', 'code ', 'code\u0000', '')

/** prompt values: the two Kiroku reads, and others. */
export const promptValues = fc.constantFrom('none', 'consent', 'login', 'none consent', 'consent none', 'select_account', ' none ', 'NONE', '')

/** code_challenge_method values: S256, and what is refused. */
export const challengeMethodValues = fc.constantFrom('S256', 'S256', 'plain', 's256', 'S512', 'none', '', 'S256 ')

/** A well-formed S256 challenge (the world's), and malformed ones. */
export function challengeValues(world: World): fc.Arbitrary<string> {
  const good = world.pkce.challenge
  return fc.constantFrom(good, good, good.slice(1), `${good}=`, `${good}A`, good.replace(/./, '+'), 'a'.repeat(43), 'a'.repeat(128), 'a'.repeat(129), world.pkce.verifier)
}

/** The world's verifier, and verifiers that do not match or are malformed. */
export function verifierValues(world: World): fc.Arbitrary<string> {
  const good = world.pkce.verifier
  return fc.constantFrom(good, good, good, good.slice(1), `${good}A`, 'a'.repeat(42), 'a'.repeat(43), 'a'.repeat(129), `${good.slice(0, -1)}+`, world.pkce.challenge)
}

/** state values: any short string, and the longest allowed and one more. */
export const stateValues = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('a'.repeat(2048), 'a'.repeat(2049), 'x&code=stolen', 'x#access_token=stolen', '%00', '\u0000', '\ud800'))
