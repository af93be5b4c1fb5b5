/**
 * Builders for the hand-written OAuth tests: token-endpoint requests (form or JSON, credentials in the
 * body or by HTTP Basic), PKCE pairs, and a code flow run through the browser.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { User } from '../../src/accounts/users.js'
import { createClient, type Client } from '../../src/oauth/clients.js'
import type { Browser } from './browser.js'
import { authorize, graphql, loggedInBrowser, makeClient, makeUser } from './flow.js'

export const REDIRECT = 'https://app.example/callback'

export interface Credentials {
  id: number | string
  secret: string | null
}

export interface PostOptions {
  /** 'form' (default) or 'json'. */
  as?: 'form' | 'json'
  /** Send these credentials by HTTP Basic instead of (or besides) the body. */
  basic?: { id: string; secret: string }
  headers?: Record<string, string>
}

/** The value of `Authorization: Basic …` with each half form-urlencoded (RFC 6749 §2.3.1). */
export function basicHeader(id: string, secret: string): string {
  const encode = (s: string) => new URLSearchParams({ v: s }).toString().slice(2)
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`
}

/** POSTs parameters to an OAuth JSON endpoint; array values are sent as repeated form fields. */
export async function postOAuth(app: FastifyInstance, url: string, params: Record<string, string | string[]>, options: PostOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (options.basic) headers.authorization = basicHeader(options.basic.id, options.basic.secret)
  let payload: string
  if (options.as === 'json') {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(params)
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
    payload = body.toString()
  }
  return app.inject({ method: 'POST', url, headers, payload })
}

/** POSTs to the token endpoint. */
export function tokenRequest(app: FastifyInstance, params: Record<string, string | string[]>, options: PostOptions = {}) {
  return postOAuth(app, '/api/v2/oauth/token', params, options)
}

/** The client's credentials as body parameters (client_secret left out for a public client). */
export function bodyCredentials(c: Credentials): Record<string, string> {
  return c.secret === null ? { client_id: String(c.id) } : { client_id: String(c.id), client_secret: c.secret }
}

/** A registered public client (no secret). */
export async function makePublicClient(app: FastifyInstance, redirectUris = [REDIRECT], name = 'Public App'): Promise<{ client: Client; secret: null }> {
  const { client } = await createClient(app.kiroku.db, app.kiroku.clock, { name, redirectUris, isPublic: true })
  return { client, secret: null }
}

/** A random PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** The query parameters of a redirect's Location. */
export function locationParams(res: LightMyRequestResponse): URLSearchParams {
  const location = res.headers.location
  if (typeof location !== 'string') throw new Error(`no Location (status ${res.statusCode}): ${res.body.slice(0, 300)}`)
  return new URL(location).searchParams
}

/** Runs the authorization request (approving when asked) and returns the code from the redirect. */
export async function obtainCode(browser: Browser, query: Record<string, string>): Promise<string> {
  const res = await authorize(browser, { response_type: 'code', ...query })
  const code = locationParams(res).get('code')
  if (!code) throw new Error(`no code in ${String(res.headers.location)}`)
  return code
}

export interface TokenPair {
  token_type: string
  expires_in: number
  access_token: string
  refresh_token: string
}

/** Exchanges a code and returns the token response, failing loudly on anything but 200. */
export async function exchangeCode(app: FastifyInstance, creds: Credentials, code: string, extra: Record<string, string> = {}): Promise<TokenPair> {
  const res = await tokenRequest(app, { grant_type: 'authorization_code', code, ...bodyCredentials(creds), ...extra })
  if (res.statusCode !== 200) throw new Error(`code exchange answered ${res.statusCode}: ${res.body}`)
  return res.json() as TokenPair
}

/** Uses a refresh token; returns the raw response. */
export function refresh(app: FastifyInstance, creds: Credentials, refreshToken: string) {
  return tokenRequest(app, { grant_type: 'refresh_token', refresh_token: refreshToken, ...bodyCredentials(creds) })
}

/** A user, a confidential client, a logged-in browser and a fresh token pair from the code grant. */
export async function codeGrantSetup(app: FastifyInstance, userName = 'alice') {
  const user = await makeUser(app, userName)
  const { client, secret } = await makeClient(app, [REDIRECT])
  const creds: Credentials = { id: client.id, secret }
  const browser = await loggedInBrowser(app, user)
  const tokens = await exchangeCode(app, creds, await obtainCode(browser, { client_id: String(client.id) }))
  return { user, client, creds, browser, tokens }
}

/** Another token pair for the same user and client (the approval is remembered, so no page). */
export async function anotherPair(app: FastifyInstance, browser: Browser, creds: Credentials): Promise<TokenPair> {
  return exchangeCode(app, creds, await obtainCode(browser, { client_id: String(creds.id) }))
}

/** 'ok' when the access token answers `{ Viewer { id } }`, else the GraphQL error message. */
export async function viewerState(app: FastifyInstance, token: string, expectedUser?: User): Promise<string> {
  const res = await graphql(app, '{ Viewer { id } }', token)
  if (res.status === 200 && res.body.data?.Viewer?.id !== undefined) {
    if (expectedUser && res.body.data.Viewer.id !== expectedUser.id) return `wrong user ${res.body.data.Viewer.id}`
    return 'ok'
  }
  return String(res.body.errors?.[0]?.message)
}

/** Every header an OAuth JSON answer must carry (RFC 6749 §5.1): it may hold tokens. */
export function expectNoStore(res: LightMyRequestResponse): void {
  if (res.headers['cache-control'] !== 'no-store' || res.headers.pragma !== 'no-cache') {
    throw new Error(`missing no-store headers: cache-control=${String(res.headers['cache-control'])} pragma=${String(res.headers.pragma)}`)
  }
}
