import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import vm from 'node:vm'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, decodeEntities, hiddenFields } from '../helpers/browser.js'
import { loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const PIN = '/api/v2/oauth/pin'
// A code as Kiroku makes them: 43 base64url characters. A JWS-shaped access token.
const CODE = 'def50200abcdefghijklmnopqrstuvwxyz012345678'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'

/** The text of the page's visible alert, if any. */
function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

/** Asserts the headers every HTML page must carry: no caching, no Referer, no framing, a strict CSP. */
function expectPageSecurityHeaders(res: LightMyRequestResponse): void {
  expect(res.headers['content-type']).toMatch(/^text\/html/)
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  const csp = String(res.headers['content-security-policy'])
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("default-src 'none'")
  // Scripts run only with this response's nonce, and every script tag the page writes carries it.
  const nonce = /script-src 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'(;|$)/.exec(csp)?.[1]
  expect(nonce).toBeDefined()
  for (const tag of String(res.body).match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`)
  expect(csp).not.toContain('unsafe-inline')
}

/** Every URL the page would load or link to, from src, href and action attributes. */
function pageUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|action)\s*=\s*"([^"]*)"/gi)].map((m) => decodeEntities(m[1]!))
}

/** Asserts that the page loads nothing but its own files: no other origin, no inline script or handler. */
function expectOnlySameOrigin(html: string): void {
  const urls = pageUrls(html)
  expect(urls.length).toBeGreaterThan(0)
  // Paths on this server, or the skip link's #main.
  for (const url of urls) expect(url, url).toMatch(/^(\/(?![/\\])|#main$)/)
  expect(html).not.toMatch(/\ssrcset\s*=/i)
  expect(html).not.toMatch(/\sstyle\s*=/i)
  expect(html).not.toMatch(/\son[a-z]+\s*=/i)
  for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    expect(script[1]).toMatch(/\ssrc="\/static\//)
    expect(script[2]).toBe('')
  }
}

describe('the PIN page with a code in the query', () => {
  it('shows the code in the box, with a Copy button', async () => {
    const res = await new Browser(s.app).get(`${PIN}?code=${CODE}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(new RegExp(`<textarea id="pin-value"[^>]*readonly>${CODE}</textarea>`))
    expect(res.body).toMatch(/<button type="button" id="copy"[^>]*data-target="pin-value">Copy<\/button>/)
    expect(res.body).toContain('<label for="pin-value">Authorization code</label>')
    expect(res.body).not.toContain('id="token-box"')
  })

  it.each([
    ['markup', '</textarea><script>alert(1)</script>'],
    ['a message for the user', 'Your account is locked. Call +1 555 0100 to unlock it'],
    ['a code one character short', CODE.slice(1)],
    ['a code with a character outside base64url', `${CODE.slice(1)}.`],
  ])('shows no code that is not in the format Kiroku makes (%s), and prints none of it', async (_label, code) => {
    const res = await new Browser(s.app).get(`${PIN}?code=${encodeURIComponent(code)}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('id="pin-value"')
    expect(alertText(res.body)).toBe('No token was issued: what arrived here is not an authorization code. Start again from the app.')
    expect(res.body).not.toContain(code.slice(0, 12))
    expect(res.body).not.toContain(code.slice(-12))
    expectOnlySameOrigin(res.body)
  })

  it('refuses a code sent twice rather than picking one', async () => {
    const res = await new Browser(s.app).get(`${PIN}?code=a&code=b`)
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('id="pin-value"')
    expect(alertText(res.body)).toBe('No token was issued: the request carried a parameter more than once.')
  })
})

describe('the PIN page with an error in the query', () => {
  it('shows a fixed message for error=access_denied', async () => {
    const res = await new Browser(s.app).get(`${PIN}?error=access_denied`)
    expect(res.statusCode).toBe(200)
    expect(alertText(res.body)).toBe('No token was issued: the request was denied.')
    expect(res.body).not.toContain('id="pin-value"')
  })

  it.each([
    ['invalid_request', 'No token was issued: the app sent an invalid authorization request.'],
    ['consent_required', 'No token was issued: the app needs your approval, but asked Kiroku not to show the approval page.'],
    ['login_required', 'No token was issued: you are not logged in, and the app asked Kiroku not to show the login page.'],
    ['server_error', 'No token was issued: the server met an unexpected error. Start again from the app.'],
  ])('shows the fixed message of %s', async (code, message) => {
    const res = await new Browser(s.app).get(`${PIN}?error=${code}`)
    expect(alertText(res.body)).toBe(message)
  })

  it('never prints error_description, nor an unknown error code: they come from whoever made the link', async () => {
    const description = 'Your account is locked. Call +1 555 0100'
    for (const query of [`error=access_denied&error_description=${encodeURIComponent(description)}`, `error=${encodeURIComponent('Call +1 555 0100')}`, 'error=<b>x</b>']) {
      const res = await new Browser(s.app).get(`${PIN}?${query}`)
      expect(res.statusCode).toBe(200)
      expect(res.body).not.toContain('555 0100')
      expect(res.body).not.toContain('&lt;b&gt;')
      expect(alertText(res.body)).toMatch(/^No token was issued: /)
    }
    const unknown = await new Browser(s.app).get(`${PIN}?error=${encodeURIComponent('Call +1 555 0100')}`)
    expect(alertText(unknown.body)).toBe('No token was issued: the authorization failed. Start again from the app.')
  })
})

describe('the PIN page for a token in the fragment', () => {
  it('has a hidden token box, a Copy button and instructions without JavaScript', async () => {
    const res = await new Browser(s.app).get(PIN)
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/<div id="token-box" hidden>[\s\S]*<textarea id="pin-value"[^>]*readonly><\/textarea>[\s\S]*>Copy<\/button>[\s\S]*<\/div>/)
    expect(res.body).toContain('<noscript>')
    expect(res.body).toMatch(/<script src="\/static\/pin.js" nonce="[A-Za-z0-9+/=]+"><\/script>/)
  })

  it('shows a token from a real implicit grant end to end: the redirect leads here with the token in the fragment', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [`${s.config.publicUrl}${PIN}`])
    const browser = await loggedInBrowser(s.app, user)
    const approval = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)
    expect(approval.statusCode).toBe(200)
    const res = await browser.post('/api/v2/oauth/authorize', { ...hiddenFields(approval.body, '/api/v2/oauth/authorize'), decision: 'approve' })
    const location = new URL(res.headers.location as string)
    expect(location.origin + location.pathname).toBe(`${s.config.publicUrl}${PIN}`)
    // The server only ever sees the path: the token stays in the fragment for pin.js.
    const page = await browser.get(location.pathname + location.search)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain(new URLSearchParams(location.hash.slice(1)).get('access_token')!)
    const run = runPinScript((await browser.get('/static/pin.js')).body, { pathname: location.pathname, search: location.search, hash: location.hash })
    expect(run.elements['pin-value']!.value).toBe(new URLSearchParams(location.hash.slice(1)).get('access_token'))
    expect(run.network).toEqual([])
  })
})

describe('the PIN page headers and resources', () => {
  it.each([PIN, `${PIN}?code=${CODE}`, `${PIN}?code=abc`, `${PIN}?error=access_denied`])('%s sends the security headers and loads only same-origin resources', async (url) => {
    const res = await new Browser(s.app).get(url)
    expectPageSecurityHeaders(res)
    expectOnlySameOrigin(res.body)
  })

  it('stays same-origin with an https public URL too', async () => {
    await s.app.close()
    s = await testServer({ publicUrl: 'https://kiroku.example' })
    const res = await new Browser(s.app).get(`${PIN}?code=${CODE}`)
    expect(res.body).toContain('https://kiroku.example/api/v2/oauth/token')
    expectOnlySameOrigin(res.body)
  })
})

// The ids of the hidden fixed messages on the fragment page (read from the real page in beforeEach).
let pageMessageIds: string[] = []

/** A stand-in element: the properties pin.js touches, recorded. */
interface FakeElement {
  hidden?: boolean
  value?: string
  textContent?: string
  listeners?: Record<string, () => void>
  [key: string]: unknown
}

/** Runs pin.js against a fake page at the given address; every way to reach the network is a recording trap. */
function runPinScript(source: string, location: { pathname: string; search: string; hash: string }, messageIds: readonly string[] = pageMessageIds) {
  const elements: Record<string, FakeElement> = {
    'token-box': { hidden: true },
    'pin-value': { value: '', select() {} },
    'expires-in': { textContent: 'one year' },
    ...Object.fromEntries(messageIds.map((id) => [id, { hidden: true }])),
    'token-missing': { hidden: false },
    copy: {
      textContent: 'Copy',
      listeners: {},
      addEventListener(type: string, listener: () => void) {
        this.listeners![type] = listener
      },
      getAttribute: (name: string) => (name === 'data-target' ? 'pin-value' : null),
    },
  }
  const network: string[] = []
  const trap = (name: string) =>
    function () {
      network.push(name)
    }
  const replaced: string[] = []
  const copied: string[] = []
  const senders = {
    fetch: trap('fetch'),
    XMLHttpRequest: trap('XMLHttpRequest'),
    WebSocket: trap('WebSocket'),
    EventSource: trap('EventSource'),
    Image: trap('Image'),
  }
  const navigator = { clipboard: { writeText: async (text: string) => void copied.push(text) }, sendBeacon: trap('sendBeacon') }
  const document = { getElementById: (id: string) => elements[id] ?? null, execCommand: () => true, createElement: trap('createElement') }
  const window = {
    location: { ...location },
    history: { replaceState: (_state: unknown, _title: string, url: string) => replaced.push(url) },
    document,
    navigator,
    ...senders,
  }
  const context = vm.createContext({ window, document, navigator, URLSearchParams, ...senders })
  vm.runInContext(source, context)
  return { elements, network, replaced, copied }
}

describe('/static/pin.js', () => {
  let source: string
  beforeEach(async () => {
    const page = await new Browser(s.app).get(PIN)
    pageMessageIds = [...page.body.matchAll(/<p id="(pin-error-[a-z_]+)" class="error" role="alert" hidden>/g)].map((m) => m[1]!)
    expect(pageMessageIds).toContain('pin-error-access_denied')
    expect(pageMessageIds).toContain('pin-error-other')
    const res = await new Browser(s.app).get('/static/pin.js')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/)
    source = res.body
  })

  it('contains no way to send anything anywhere', () => {
    for (const forbidden of [/\bfetch\b/, /XMLHttpRequest/, /sendBeacon/, /WebSocket/, /EventSource/, /\bimport\b/, /\bImage\b/, /innerHTML/, /outerHTML/, /\beval\b/, /document\.write/, /\.src\s*=/, /location\.(href|assign|replace)/]) {
      expect(source, String(forbidden)).not.toMatch(forbidden)
    }
    // The only parameters it parses are the fragment's.
    const parsed = [...source.matchAll(/new URLSearchParams\(([^\n]*)\)$/gm)].map((m) => m[1])
    expect(parsed).toEqual(['window.location.hash.slice(1)'])
    // The query is touched only to rebuild the address without the fragment.
    for (const line of source.split('\n').filter((l) => l.includes('location.search'))) expect(line).toContain('history.replaceState(')
  })

  it('shows the token from the fragment, its lifetime, then removes the fragment from the address bar; no request made', () => {
    const run = runPinScript(source, { pathname: PIN, search: '', hash: `#access_token=${TOKEN}&token_type=Bearer&expires_in=31536000` })
    expect(run.elements['pin-value']!.value).toBe(TOKEN)
    expect(run.elements['token-box']!.hidden).toBe(false)
    expect(run.elements['token-missing']!.hidden).toBe(true)
    expect(run.elements['expires-in']!.textContent).toBe('365 days')
    expect(run.replaced).toEqual([PIN])
    expect(run.network).toEqual([])
  })

  it('ignores a token in the query string: it reads only the fragment', () => {
    const run = runPinScript(source, { pathname: PIN, search: '?access_token=from-the-query', hash: '' })
    expect(run.elements['pin-value']!.value).toBe('')
    expect(run.elements['token-box']!.hidden).toBe(true)
    expect(run.replaced).toEqual([])
    const both = runPinScript(source, { pathname: PIN, search: '?access_token=from-the-query', hash: `#access_token=${TOKEN}` })
    expect(both.elements['pin-value']!.value).toBe(TOKEN)
  })

  it('shows the fixed message of an error code from the fragment, never its error_description', () => {
    const run = runPinScript(source, { pathname: PIN, search: '', hash: `#error=access_denied&error_description=${encodeURIComponent('<img src=x onerror=alert(1)>')}` })
    expect(run.elements['pin-error-access_denied']!.hidden).toBe(false)
    for (const id of pageMessageIds.filter((i) => i !== 'pin-error-access_denied')) expect(run.elements[id]!.hidden, id).toBe(true)
    expect(JSON.stringify(run.elements)).not.toContain('onerror')
    expect(run.elements['token-box']!.hidden).toBe(true)
    expect(run.elements['token-missing']!.hidden).toBe(true)
    expect(run.replaced).toEqual([PIN])
    expect(run.network).toEqual([])
  })

  it.each([
    ['an unknown code', '#error=Call%20%2B1%20555%200100'],
    ['a code naming another element', '#error=token-box'],
    ['a code naming an inherited property', '#error=constructor'],
  ])('shows the generic message for %s, and prints nothing of it', (_label, hash) => {
    const run = runPinScript(source, { pathname: PIN, search: '', hash })
    expect(run.elements['pin-error-other']!.hidden).toBe(false)
    expect(run.elements['token-box']!.hidden).toBe(true)
    expect(JSON.stringify(run.elements)).not.toContain('555')
  })

  it.each([
    ['a message for the user', 'Your account is locked, call +1 555 0100'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['two parts only', 'abc.def'],
    ['5,000 characters', `${'a'.repeat(2500)}.${'b'.repeat(2498)}.c`],
  ])('shows no access token that is not JWS-shaped (%s), but a fixed message', (_label, token) => {
    const run = runPinScript(source, { pathname: PIN, search: '', hash: `#access_token=${encodeURIComponent(token)}` })
    expect(run.elements['pin-value']!.value).toBe('')
    expect(run.elements['token-box']!.hidden).toBe(true)
    expect(run.elements['pin-error-malformed_token']!.hidden).toBe(false)
    expect(run.replaced).toEqual([PIN])
  })

  it('copies the token with the Copy button', async () => {
    const run = runPinScript(source, { pathname: PIN, search: '', hash: `#access_token=${TOKEN}` })
    run.elements.copy!.listeners!.click!()
    await new Promise((resolve) => setImmediate(resolve))
    expect(run.copied).toEqual([TOKEN])
    expect(run.elements.copy!.textContent).toBe('Copied')
    expect(run.network).toEqual([])
  })
})

describe('security headers on the other pages', () => {
  it('are sent on the login, sign-up, approval, developer and error pages', async () => {
    const anonymous = new Browser(s.app)
    expectPageSecurityHeaders(await anonymous.get('/login'))
    expectPageSecurityHeaders(await anonymous.get('/signup'))

    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const approval = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)
    expect(approval.statusCode).toBe(200)
    expect(approval.body).toContain('>Approve</button>')
    expectPageSecurityHeaders(approval)
    expectOnlySameOrigin(approval.body)

    const invalid = await browser.get('/api/v2/oauth/authorize?client_id=999&response_type=token')
    expect(invalid.statusCode).toBe(400)
    expectPageSecurityHeaders(invalid)
    expectPageSecurityHeaders(await browser.get('/settings/developer'))
  })

  it('are not forced onto JSON answers', async () => {
    const res = await new Browser(s.app).get('/api/no-such-endpoint')
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['x-frame-options']).toBeUndefined()
  })
})
