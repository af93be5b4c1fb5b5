// What the Kiroku child makes before the load: a user and a confidential client with an https
// redirect URI (only such a client may be answered from a remembered approval, see
// src/oauth/authorize/remembered-approval.ts; the code flow uses it with PKCE, as oidc-provider's
// does), a token for GraphQL, and one real login and approval over HTTP: the login page, the login
// form with its CSRF token, the approval page and its form. The session cookie then serves authorize.
import { cookieJar } from '../../lib/cookie-jar.mjs'

export const REDIRECT = 'https://bench.example/cb'
const PASSWORD = 'bench-password-1'
const AUTHORIZE = '/api/v2/oauth/authorize'

const csrfOf = (html) => {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('no CSRF token on the page')
  return match[1]
}

async function send(url, jar, init = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init, headers: { ...init.headers, cookie: jar.header() } })
  jar.take(res)
  return { status: res.status, location: res.headers.get('location'), text: await res.text() }
}

const form = (fields) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })

export async function makeFixtures(modules, app, url) {
  const { createUser, createClient } = modules
  const ctx = app.kiroku
  const user = await createUser(ctx.db, ctx.clock, { name: 'bench', password: PASSWORD })
  const { client, secret } = await createClient(ctx.db, ctx.clock, { name: 'Bench', redirectUris: [REDIRECT] })
  const { accessToken } = await ctx.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })

  const params = { client_id: String(client.id), response_type: 'token', redirect_uri: REDIRECT }
  const authorizePath = `${AUTHORIZE}?${new URLSearchParams(params)}`
  const jar = cookieJar()
  const login = await send(`${url}/login?next=${encodeURIComponent(authorizePath)}`, jar)
  const loggedIn = await send(`${url}/login`, jar, form({ csrf_token: csrfOf(login.text), next: authorizePath, name: 'bench', password: PASSWORD }))
  if (loggedIn.status !== 303) throw new Error(`login: HTTP ${loggedIn.status}`)
  const page = await send(url + authorizePath, jar)
  if (page.status !== 200) throw new Error(`approval page: HTTP ${page.status} ${page.location ?? ''}`)
  const approved = await send(url + AUTHORIZE, jar, form({ ...params, csrf_token: csrfOf(page.text), decision: 'approve' }))
  if (!approved.location?.includes('access_token=')) throw new Error(`approval: HTTP ${approved.status} ${approved.location ?? approved.text.slice(0, 200)}`)
  const again = await send(url + authorizePath, jar)
  if (again.status !== 302 || !again.location?.includes('access_token=')) throw new Error(`the approval is not remembered: HTTP ${again.status}`)
  return { cookie: jar.header(), accessToken, clientId: client.id, clientSecret: secret, redirectUri: REDIRECT }
}
