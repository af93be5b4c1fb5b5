import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/app/config.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { authorize, fragmentParams, graphql, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { codeGrantSetup, refresh } from '../helpers/oauth.js'
import { logIn, Browser } from '../helpers/browser.js'
import { TEST_DIALECT } from '../helpers/database.js'

const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.app.close()
})
async function server(overrides: Parameters<typeof testServer>[0] = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const s = await testServer(overrides, env)
  servers.push(s)
  return s
}

async function scrape(s: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const res = await s.app.inject({ url: '/metrics', headers })
  if (res.statusCode !== 200) throw new Error(`/metrics answered ${res.statusCode}: ${res.body}`)
  return res.body
}

/** The value of one series, matched on exactly these labels (in any order); undefined when absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]))
    if (JSON.stringify(Object.entries(have).sort()) === JSON.stringify(Object.entries(labels).sort())) return Number(match[3])
  }
  return undefined
}

describe(`/metrics on ${TEST_DIALECT}`, () => {
  it('serves the Prometheus text format with Kiroku’s series at 0 and the process metrics', async () => {
    const s = await server()
    const res = await s.app.inject({ url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    for (const grant of ['implicit', 'authorization_code', 'refresh_token', 'device_code']) {
      expect(value(res.body, 'kiroku_tokens_issued_total', { grant_type: grant })).toBe(0)
    }
    expect(value(res.body, 'kiroku_login_failures_total', { reason: 'invalid_credentials' })).toBe(0)
    expect(value(res.body, 'kiroku_graphql_rate_limited_total')).toBe(0)
    expect(res.body).toContain('# TYPE kiroku_http_request_duration_seconds histogram')
    expect(res.body).toMatch(/^process_cpu_user_seconds_total \d/m)
    expect(res.body).toMatch(/^nodejs_heap_size_used_bytes \d/m)
  })

  it('counts and times requests by route pattern and status class; no raw path, token or id becomes a label', async () => {
    const s = await server()
    const secretLooking = 'eyJhbGciOiJSUzI1NiJ9-secret-looking-path'
    expect((await s.app.inject({ url: `/no/such/${secretLooking}` })).statusCode).toBe(404)
    expect((await s.app.inject({ url: `/api/v2/oauth/authorize?client_id=${secretLooking}` })).statusCode).toBe(400)
    // POST / is GraphQL, counted under the route that answered it.
    const root = await s.app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, payload: '{"query":"{ __typename }"}' })
    expect(root.statusCode).toBe(200)
    expect((await graphql(s.app, '{ __typename }')).status).toBe(200)
    // A route with a parameter: the pattern is the label, not the id in the URL.
    await s.app.inject({ method: 'POST', url: '/settings/developer/clients/98765/delete' })

    const text = await scrape(s)
    expect(value(text, 'kiroku_http_requests_total', { method: 'POST', route: '/graphql', status_class: '2xx' })).toBe(2)
    expect(value(text, 'kiroku_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status_class: '2xx' })).toBe(2)
    expect(value(text, 'kiroku_http_request_duration_seconds_bucket', { method: 'POST', route: '/graphql', status_class: '2xx', le: '+Inf' })).toBe(2)
    expect(value(text, 'kiroku_http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1)
    expect(value(text, 'kiroku_http_requests_total', { method: 'GET', route: '/api/v2/oauth/authorize', status_class: '4xx' })).toBe(1)
    expect(text).toMatch(/route="\/settings\/developer\/clients\/:id\/delete"/)
    expect(text).not.toContain(secretLooking)
    expect(text).not.toContain('98765')
  })

  it('counts tokens issued by grant type: implicit, authorization_code, refresh_token', async () => {
    const s = await server()
    const { creds, tokens, browser } = await codeGrantSetup(s.app)
    expect((await refresh(s.app, creds, tokens.refresh_token)).statusCode).toBe(200)
    const { client } = await makeClient(s.app, ['https://implicit.example/cb'], 'Implicit App')
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'token' })
    expect(fragmentParams(String(res.headers.location)).get('access_token')).toBeTruthy()

    const text = await scrape(s)
    expect(value(text, 'kiroku_tokens_issued_total', { grant_type: 'authorization_code' })).toBe(1)
    expect(value(text, 'kiroku_tokens_issued_total', { grant_type: 'refresh_token' })).toBe(1)
    expect(value(text, 'kiroku_tokens_issued_total', { grant_type: 'implicit' })).toBe(1)
    expect(value(text, 'kiroku_tokens_issued_total', { grant_type: 'device_code' })).toBe(0)
  })

  it('counts failed logins, and throttled ones apart', async () => {
    const s = await server()
    const user = await makeUser(s.app)
    for (let i = 0; i < 10; i++) expect((await logIn(new Browser(s.app), user.name, 'wrong password')).statusCode).toBe(401)
    expect((await logIn(new Browser(s.app), user.name, 'wrong password')).statusCode).toBe(429)
    await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))

    const text = await scrape(s)
    expect(value(text, 'kiroku_login_failures_total', { reason: 'invalid_credentials' })).toBe(10)
    expect(value(text, 'kiroku_login_failures_total', { reason: 'throttled' })).toBe(1)
  })

  it('counts GraphQL requests refused by the rate limit', async () => {
    const s = await server({ rateLimitPerMinute: 2 })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await graphql(s.app, '{ __typename }')).status)
    expect(statuses).toEqual([200, 200, 429, 429, 429])
    const text = await scrape(s)
    expect(value(text, 'kiroku_graphql_rate_limited_total')).toBe(3)
    expect(value(text, 'kiroku_http_requests_total', { method: 'POST', route: '/graphql', status_class: '4xx' })).toBe(3)
  })

  it('keeps one registry per server: two servers in one process count apart', async () => {
    const a = await server()
    const b = await server()
    await graphql(a.app, '{ __typename }')
    await graphql(a.app, '{ __typename }')
    await graphql(b.app, '{ __typename }')
    expect(value(await scrape(a), 'kiroku_http_requests_total', { method: 'POST', route: '/graphql', status_class: '2xx' })).toBe(2)
    expect(value(await scrape(b), 'kiroku_http_requests_total', { method: 'POST', route: '/graphql', status_class: '2xx' })).toBe(1)
  })
})

describe('who may read /metrics', () => {
  it('without METRICS_TOKEN: a loopback scraper may; another address or a proxied request may not', async () => {
    const s = await server()
    expect((await s.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200)
    expect((await s.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200)
    const outsider = await s.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })
    expect(outsider.statusCode).toBe(403)
    expect(outsider.body).toContain('METRICS_TOKEN')
    expect(outsider.body).not.toContain('kiroku_')
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await s.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { [header]: '203.0.113.9' } })
      expect(proxied.statusCode, header).toBe(403)
    }
  })

  it('with METRICS_TOKEN: only that Bearer token, from anywhere', async () => {
    const token = 'a-metrics-token-of-some-length'
    const s = await server({}, { METRICS_TOKEN: token })
    const missing = await s.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })
    expect(missing.statusCode).toBe(401)
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"')
    expect(missing.body).not.toContain('kiroku_')
    expect((await s.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } })).statusCode).toBe(401)
    expect((await s.app.inject({ url: '/metrics', headers: { authorization: `Basic ${token}` } })).statusCode).toBe(401)
    const allowed = await s.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.1' } })
    expect(allowed.statusCode).toBe(200)
    expect(allowed.body).toContain('kiroku_http_requests_total')
  })

  it('METRICS_TOKEN must be at least 16 characters without spaces; empty means unset', () => {
    expect(() => loadConfig({}, { METRICS_TOKEN: 'short' })).toThrow(ConfigError)
    expect(() => loadConfig({}, { METRICS_TOKEN: 'sixteen chars with spaces' })).toThrow(/METRICS_TOKEN/)
    expect(loadConfig({}, { METRICS_TOKEN: '' }).metricsToken).toBeNull()
    expect(loadConfig({}, {}).metricsToken).toBeNull()
    expect(loadConfig({}, { METRICS_TOKEN: '0123456789abcdef' }).metricsToken).toBe('0123456789abcdef')
  })
})
