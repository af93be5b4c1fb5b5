/**
 * /graphiql: the page for visitors and users, its CSP, the allow-listed assets from node_modules, and
 * the session's explorer token (valid, the user's, short-lived, recorded, revocable in Connected apps).
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken } from '../helpers/browser.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { viewerState } from '../helpers/oauth.js'
import { EXPLORER_ASSETS } from '../../src/site/explorer/assets.js'
import { EXPLORER_CLIENT_NAME, EXPLORER_TOKEN_TTL_SECONDS } from '../../src/oauth/explorer-tokens.js'
import { pageCsp } from '../../src/web/security-headers.js'

const require = createRequire(import.meta.url)

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

/** The page's data attribute `name`, entities decoded. */
function dataAttribute(html: string, name: string): string {
  const match = new RegExp(`data-${name}="([^"]*)"`).exec(html)
  if (!match) throw new Error(`no data-${name}`)
  return match[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

async function explorerToken(browser: Browser) {
  const page = await browser.get('/graphiql')
  return browser.post('/graphiql/token', { csrf_token: dataAttribute(page.body, 'csrf') })
}

describe('the explorer page', () => {
  it('gives a visitor public queries and a log-in link, and no token endpoint', async () => {
    const res = await new Browser(s.app).get('/graphiql')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Log in to run queries as yourself')
    expect(res.body).toContain('href="/login?next=%2Fgraphiql"')
    expect(dataAttribute(res.body, 'token-url')).toBe('')
    expect(dataAttribute(res.body, 'csrf')).toBe('')
    expect(dataAttribute(res.body, 'endpoint')).toBe('/graphql')
    expect(dataAttribute(res.body, 'default-query')).not.toContain('Viewer')
  })

  it('gives a user the token endpoint and { Viewer { name } }', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
    const res = await browser.get('/graphiql')
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('Log in to run queries as yourself')
    expect(dataAttribute(res.body, 'token-url')).toBe('/graphiql/token')
    expect(dataAttribute(res.body, 'default-query')).toBe('{ Viewer { name } }')
    expect(dataAttribute(res.body, 'csrf')).toBe(csrfToken(res.body))
    // No access token in the page: it is asked for by POST.
    expect(res.body).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)
  })

  it('loads every script with the nonce, from this server only', async () => {
    const res = await new Browser(s.app).get('/graphiql')
    const csp = String(res.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    const scripts = [...res.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!)
    expect(scripts.length).toBe(4)
    for (const attributes of scripts) {
      expect(attributes).toContain(`nonce="${nonce}"`)
      expect(attributes).toMatch(/src="\/(graphiql\/assets|static\/site)\//)
    }
    expect(res.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
    expect(res.body).not.toContain('style="')
  })

  it('has its own CSP: the strict one with a style nonce and data: fonts, never unsafe-inline', async () => {
    const res = await new Browser(s.app).get('/graphiql')
    const csp = String(res.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const))
    expect(directives.get('script-src')).toBe(`script-src 'nonce-${nonce}' 'strict-dynamic'`)
    expect(directives.get('style-src')).toBe(`style-src 'self' 'nonce-${nonce}'`)
    expect(directives.get('font-src')).toBe("font-src 'self' data:")
    expect(csp).not.toContain('unsafe')
    // Everything else is as on every other page.
    const strict = new Map(pageCsp(nonce).split('; ').map((d) => [d.split(' ')[0], d] as const))
    for (const [name, directive] of strict) if (name !== 'style-src' && name !== 'font-src') expect(directives.get(name)).toBe(directive)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['cache-control']).toBe('no-store')
    // Other pages keep the strict one.
    const home = await new Browser(s.app).get('/')
    expect(String(home.headers['content-security-policy'])).toMatch(/style-src 'self';/)
  })
})

describe('the explorer assets', () => {
  it('serves each allow-listed file from node_modules, versioned and cached for a year', async () => {
    const page = await new Browser(s.app).get('/graphiql')
    const linked = [...page.body.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(linked.length).toBe(4)
    const graphiqlVersion = (require('graphiql/package.json') as { version: string }).version
    expect(linked).toContain(`/graphiql/assets/graphiql-${graphiqlVersion}.min.js`)
    for (const url of linked) {
      const res = await s.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-type']).toMatch(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/)
      const asset = EXPLORER_ASSETS.get(url.slice('/graphiql/assets/'.length))!
      expect(res.rawPayload.equals(fs.readFileSync(asset.file))).toBe(true)
    }
  })

  it('serves nothing else: no other package file, no path traversal', async () => {
    const tries = [
      '/graphiql/assets/package.json',
      '/graphiql/assets/..%2F..%2Fpackage.json',
      '/graphiql/assets/..%2f..%2f..%2fsrc%2fapp%2fconfig.ts',
      '/graphiql/assets/%2e%2e/%2e%2e/package.json',
      '/graphiql/assets/../../package.json',
      '/graphiql/assets/react.production.min.js',
      '/graphiql/assets/constructor',
      '/graphiql/assets/__proto__',
      `/graphiql/assets/${encodeURIComponent(path.resolve('package.json'))}`,
      '/graphiql/assets/graphiql%00.js',
    ]
    for (const url of tries) {
      const res = await s.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, url).toBeLessThan(500)
      expect(res.body, url).not.toContain('"name": "kiroku"')
      expect(res.body, url).not.toContain('loadConfig')
    }
  })
})

describe('the explorer token', () => {
  it('is a valid, short-lived token of the user at the explorer client', async () => {
    const alice = await makeUser(s.app, 'alice')
    const res = await explorerToken(await loggedInBrowser(s.app, alice))
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json() as { accessToken: string; expiresAt: number; expiresIn: number }
    expect(body.expiresIn).toBe(EXPLORER_TOKEN_TTL_SECONDS)
    expect(body.expiresIn).toBeLessThan(s.config.accessTokenTtlSeconds)
    const claims = decodeJwt(body.accessToken)
    expect(claims.sub).toBe(String(alice.id))
    expect(claims.exp! - claims.iat!).toBe(EXPLORER_TOKEN_TTL_SECONDS)
    expect(body.expiresAt).toBe(claims.exp)
    expect(await viewerState(s.app, body.accessToken, alice)).toBe('ok')
    // Recorded like any token, at the explorer's ownerless public client.
    const row = await s.app.kiroku.db.selectFrom('oauth_access_tokens').selectAll().where('jti', '=', String(claims.jti)).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ user_id: alice.id, grant_type: 'explorer', expires_at: claims.exp })
    const client = await s.app.kiroku.db.selectFrom('oauth_clients').selectAll().where('id', '=', row.client_id).executeTakeFirstOrThrow()
    expect(client).toMatchObject({ name: EXPLORER_CLIENT_NAME, owner_user_id: null, is_public: 1 })
    expect(claims.aud).toBe(String(client.id))
    // It expires after its hour.
    s.clock.advance(EXPLORER_TOKEN_TTL_SECONDS)
    expect(await viewerState(s.app, body.accessToken, alice)).not.toBe('ok')
  })

  it('uses one explorer client for every user', async () => {
    const a = (await explorerToken(await loggedInBrowser(s.app, await makeUser(s.app, 'alice')))).json() as { accessToken: string }
    const b = (await explorerToken(await loggedInBrowser(s.app, await makeUser(s.app, 'bob')))).json() as { accessToken: string }
    expect(decodeJwt(a.accessToken).aud).toBe(decodeJwt(b.accessToken).aud)
    const clients = await s.app.kiroku.db.selectFrom('oauth_clients').select('id').where('name', '=', EXPLORER_CLIENT_NAME).execute()
    expect(clients.length).toBe(1)
  })

  it('is listed in Connected apps, and revoking it there ends the token', async () => {
    const alice = await makeUser(s.app, 'alice')
    const browser = await loggedInBrowser(s.app, alice)
    const { accessToken } = (await explorerToken(browser)).json() as { accessToken: string }
    const apps = await browser.get('/settings/apps')
    expect(apps.body).toContain(EXPLORER_CLIENT_NAME)
    const clientId = decodeJwt(accessToken).aud as string
    const revoked = await browser.post(`/settings/apps/${clientId}/revoke`, { csrf_token: csrfToken(apps.body) })
    expect(revoked.statusCode).toBe(303)
    expect(await viewerState(s.app, accessToken, alice)).not.toBe('ok')
  })

  it('is revoked when the user logs out, and only that user\'s', async () => {
    const alice = await makeUser(s.app, 'alice')
    const bob = await makeUser(s.app, 'bob')
    const aliceBrowser = await loggedInBrowser(s.app, alice)
    const aliceToken = ((await explorerToken(aliceBrowser)).json() as { accessToken: string }).accessToken
    const bobToken = ((await explorerToken(await loggedInBrowser(s.app, bob))).json() as { accessToken: string }).accessToken
    const page = await aliceBrowser.get('/')
    expect((await aliceBrowser.post('/logout', { csrf_token: csrfToken(page.body) })).statusCode).toBe(303)
    expect(await viewerState(s.app, aliceToken, alice)).not.toBe('ok')
    expect(await viewerState(s.app, bobToken, bob)).toBe('ok')
  })

  it('is refused without a session, and without the session CSRF token', async () => {
    const visitor = await s.app.inject({ method: 'POST', url: '/graphiql/token', payload: 'csrf_token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(visitor.statusCode).toBe(401)
    expect(visitor.body).not.toContain('accessToken')
    const browser = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
    await browser.get('/graphiql')
    const forms: Array<Record<string, string | string[]>> = [{}, { csrf_token: 'wrong' }, { csrf_token: ['a', 'b'] }]
    for (const form of forms) {
      const res = await browser.post('/graphiql/token', form)
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain('accessToken')
    }
    const tokens = await s.app.kiroku.db.selectFrom('oauth_access_tokens').select('jti').execute()
    expect(tokens).toEqual([])
  })
})
