/** Builders for whole flows: a user, a client, a logged-in browser, an approved implicit grant. */
import type { FastifyInstance } from 'fastify'
import { createUser, type User } from '../../src/accounts/users.js'
import { createClient, type Client } from '../../src/oauth/clients.js'
import { Browser, csrfToken, hiddenFields, logIn } from './browser.js'

export const PASSWORD = 'correct horse battery'

export async function makeUser(app: FastifyInstance, name = 'alice'): Promise<User> {
  return createUser(app.kiroku.db, app.kiroku.clock, { name, password: PASSWORD })
}

export async function makeClient(app: FastifyInstance, redirectUris = ['https://app.example/callback'], name = 'Test App'): Promise<{ client: Client; secret: string }> {
  return createClient(app.kiroku.db, app.kiroku.clock, { name, redirectUris })
}

export async function loggedInBrowser(app: FastifyInstance, user: User): Promise<Browser> {
  const browser = new Browser(app)
  const res = await logIn(browser, user.name, PASSWORD)
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`)
  return browser
}

/** Opens the authorize URL, then presses Approve (or Deny); returns the final redirect response. */
export async function authorize(browser: Browser, query: Record<string, string>, decision: 'approve' | 'deny' = 'approve') {
  const page = await browser.get(`/api/v2/oauth/authorize?${new URLSearchParams(query)}`)
  if (page.statusCode !== 200) throw new Error(`approval page answered ${page.statusCode}: ${page.body.slice(0, 300)}`)
  const fields = hiddenFields(page.body, '/api/v2/oauth/authorize')
  return browser.post('/api/v2/oauth/authorize', { ...fields, csrf_token: csrfToken(page.body), decision })
}

/** The parameters in a redirect's fragment. */
export function fragmentParams(location: string): URLSearchParams {
  const hash = location.indexOf('#')
  if (hash < 0) throw new Error(`no fragment in ${location}`)
  return new URLSearchParams(location.slice(hash + 1))
}

export async function graphql(app: FastifyInstance, query: string, token?: string, variables?: unknown) {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify({ query, variables }),
  })
  return { status: res.statusCode, body: res.json() as { data: any; errors?: any }, headers: res.headers }
}
