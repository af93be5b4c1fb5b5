/**
 * The real things a fuzz case can use: a user with a logged-in session, three clients (confidential
 * with several redirect URIs, confidential with one, public on a loopback address and the PIN page),
 * and makers of fresh single-use credentials (codes, refresh tokens, access tokens, device codes) for
 * Lives. All on a server that listens on a real port, for the responsiveness watch.
 */
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import type { User } from '../../../src/accounts/users.js'
import type { Client } from '../../../src/oauth/clients.js'
import { createCode } from '../../../src/oauth/codes.js'
import { answerDeviceAuthorization, createDeviceAuthorization, findByDeviceCode } from '../../../src/oauth/device-codes.js'
import { issueTokenPair } from '../../../src/oauth/token/issue.js'
import { createSession } from '../../../src/accounts/login-sessions.js'
import { Browser, csrfToken } from '../../helpers/browser.js'
import { insertUsers } from '../../helpers/users.js'
import { loggedInBrowser, makeClient, makeUser } from '../../helpers/flow.js'
import { basicHeader, makePublicClient, pkcePair } from '../../helpers/oauth.js'
import { listeningServer, type TestServer } from '../../helpers/server.js'
import { jsonText } from './hostile-values.js'
import { Live } from './live.js'

// The session cookie's name for a server at an http:// PUBLIC_URL, as the test servers are.
const SESSION_COOKIE = 'kiroku_session'

export interface FuzzClient {
  client: Client
  secret: string | null
  label: string
}

export interface World {
  server: TestServer & { baseUrl: string }
  app: FastifyInstance
  publicUrl: string
  user: User
  /** The Cookie header of the user's logged-in session. */
  sessionCookie: string
  /** The CSRF token of that session's forms. */
  sessionCsrf: string
  /** The form cookie (Cookie header) a visitor without a session gets with the login and sign-up forms. */
  anonymousCookie: string
  /** The CSRF token of those forms for that cookie. */
  anonymousCsrf: string
  clients: { confidential: FuzzClient; single: FuzzClient; public: FuzzClient }
  /** A PKCE pair whose challenge the codes made by `code` carry (when asked to). */
  pkce: { verifier: string; challenge: string }
}

/** A listening test server with the user, the clients and a logged-in session. */
export async function createWorld(): Promise<World> {
  const server = await listeningServer()
  const { app } = server
  const publicUrl = server.config.publicUrl
  const user = await makeUser(app, 'alice')
  const confidential = await makeClient(app, ['https://app.example/callback', 'https://app.example/cb?x=1', 'myapp://callback'], 'Fuzzed App')
  const single = await makeClient(app, ['https://other.example/cb'], 'Other App')
  const open = await makePublicClient(app, ['http://127.0.0.1/callback', `${publicUrl}/api/v2/oauth/pin`], 'Public App')
  const browser = await loggedInBrowser(app, user)
  const page = await browser.get('/settings/developer')
  const sessionCookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const visitor = new Browser(app)
  const form = await visitor.get('/login')
  return {
    server,
    app,
    publicUrl,
    user,
    sessionCookie,
    sessionCsrf: csrfToken(page.body),
    anonymousCookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    anonymousCsrf: csrfToken(form.body),
    clients: {
      confidential: { ...confidential, label: 'confidential' },
      single: { ...single, label: 'single' },
      public: { ...open, label: 'public' },
    },
    pkce: pkcePair(),
  }
}

let freshUsers = 0

/** The world as seen by a new user with a session of their own (a user row and a session row, no password hashing). */
export async function withFreshSession(world: World): Promise<World> {
  const { db, clock, config } = world.app.kiroku
  const [userId] = await insertUsers(world.app, [`fuzz${++freshUsers}`])
  const { session, token } = await createSession(db, clock, userId!, config.sessionTtlSeconds)
  return { ...world, sessionCookie: `${SESSION_COOKIE}=${token}`, sessionCsrf: session.csrfToken }
}

/** Every client of the world. */
export function allClients(world: World): FuzzClient[] {
  return [world.clients.confidential, world.clients.single, world.clients.public]
}

/** A fresh code for `which`, issued for its first redirect URI (said in the request or not), with or without the world's PKCE challenge. */
export function codeFor(which: keyof World['clients'], options: { redirectUriGiven: boolean; pkce: boolean }): Live<World> {
  return new Live(`code of ${which}${options.pkce ? ' with PKCE' : ''}${options.redirectUriGiven ? ', redirect_uri given' : ''}`, (w) => {
    const { client } = w.clients[which]
    return createCode(w.app.kiroku.db, w.app.kiroku.clock, {
      clientId: client.id,
      userId: w.user.id,
      redirectUri: client.redirectUris[0]!,
      redirectUriGiven: options.redirectUriGiven,
      codeChallenge: options.pkce ? w.pkce.challenge : null,
      codeChallengeMethod: options.pkce ? 'S256' : null,
    })
  })
}

/** A fresh refresh token of `which`. */
export function refreshTokenFor(which: keyof World['clients']): Live<World> {
  return new Live(`refresh token of ${which}`, async (w) => {
    const pair = await issueTokenPair(w.app.kiroku, { clientId: w.clients[which].client.id, userId: w.user.id, grantType: 'authorization_code' })
    return pair.refresh_token
  })
}

/** A fresh access token of `which`. */
export function accessTokenFor(which: keyof World['clients']): Live<World> {
  return new Live(`access token of ${which}`, async (w) => (await w.app.kiroku.tokens.issue({ clientId: w.clients[which].client.id, userId: w.user.id, grantType: 'implicit' })).accessToken)
}

/** A fresh device code of `which`, pending or already approved by the user. */
export function deviceCodeFor(which: keyof World['clients'], approved: boolean): Live<World> {
  return new Live(`device code of ${which}${approved ? ', approved' : ''}`, async (w) => {
    const { db, clock } = w.app.kiroku
    const started = await createDeviceAuthorization(db, clock, w.clients[which].client.id)
    if (approved) {
      const device = await findByDeviceCode(db, started.deviceCode)
      await answerDeviceAuthorization(db, device!.id, w.user.id, true)
    }
    return started.deviceCode
  })
}

/** A fresh, pending user code (as typed on /activate) of `which`. */
export function userCodeFor(which: keyof World['clients']): Live<World> {
  return new Live(`user code of ${which}`, async (w) => (await createDeviceAuthorization(w.app.kiroku.db, w.app.kiroku.clock, w.clients[which].client.id)).userCode)
}

/** The session's CSRF token. */
export const SESSION_CSRF = new Live<World>('session CSRF token', async (w) => w.sessionCsrf)

/** The CSRF token of the visitor's login and sign-up forms. */
export const ANONYMOUS_CSRF = new Live<World>('anonymous form CSRF token', async (w) => w.anonymousCsrf)

/** Real client ids as a client sends them (a decimal string, or a JSON number), and near misses. */
export function clientIdValues(world: World): fc.Arbitrary<unknown> {
  const ids = allClients(world).map((c) => c.client.id)
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids.map(String)) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(...ids) },
    { weight: 2, arbitrary: fc.constantFrom(...ids.flatMap((id) => [`0${id}`, ` ${id}`, `${id} `, `+${id}`, `${id}.0`, `${id}e0`, `-${id}`, `${id + 1000}`])) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('0', '2147483647', '2147483648', '4294967296', '9007199254740993', '9999999999999999', '99999999999999999999', 2 ** 31, 2 ** 53, 1.5, -1) },
  )
}

/** Real client secrets, each of its own client or of another, and near misses. */
export function clientSecretValues(world: World): fc.Arbitrary<unknown> {
  const secrets = allClients(world).flatMap((c) => (c.secret ? [c.secret] : []))
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...secrets) },
    { weight: 1, arbitrary: fc.constantFrom(...secrets.flatMap((s) => [s.slice(0, -1), s.toUpperCase(), `${s} `, `${s}\u0000`])) },
  )
}

/** Authorization headers with real client credentials (right and wrong), to mix among the junk. */
export function realBasicHeaders(world: World): fc.Arbitrary<string> {
  const headers = allClients(world).flatMap(({ client, secret }) => [basicHeader(String(client.id), secret ?? ''), basicHeader(String(client.id), 'wrong')])
  const { client, secret } = world.clients.confidential
  headers.push(`Basic ${Buffer.from(`${client.id}:${secret}`).toString('base64')}`, `basic ${Buffer.from(`${client.id}:${secret}`).toString('base64')}`)
  return fc.constantFrom(...headers)
}

/** Every way a server could read `value` as text: itself, its JSON, and with valid %XX sequences decoded. */
function readings(value: unknown): string[] {
  const texts = new Set<string>()
  if (typeof value === 'string') texts.add(value)
  if (typeof value === 'number') texts.add(String(value))
  const json = jsonText(value)
  if (json !== undefined) texts.add(json)
  for (const text of [...texts]) {
    const bytes = Buffer.from(text.replace(/\+/g, ' ').replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1')
    texts.add(bytes.toString('utf8').trim())
  }
  return [...texts]
}

/**
 * The redirect URIs registered for the client(s) the request's client_id pairs name, read in every way
 * a server could read them: a redirect may go to these and nowhere else but Kiroku itself.
 */
export function redirectUrisNamedBy(world: World, pairs: ReadonlyArray<readonly [string, unknown]>): string[] {
  const named = new Set(pairs.filter(([k]) => k === 'client_id').flatMap(([, v]) => readings(v)))
  return allClients(world).filter(({ client }) => named.has(String(client.id))).flatMap(({ client }) => client.redirectUris)
}
