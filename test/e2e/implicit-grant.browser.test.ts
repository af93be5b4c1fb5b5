/**
 * Issue 2's "Done when", in a real browser: `kiroku serve --demo` on a fresh database and a real port,
 * its printed authorize URL opened in headless Chromium, demo/demo logged in through the form, Approve
 * pressed, the token read from the PIN page and used for `{ Viewer { id name } }`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../helpers/chromium.js'
import { authorizeUrlIn, startServe, tempDir, type Serving } from '../helpers/cli.js'

const VIEWER = '{ Viewer { id name } }'

let tmp: ReturnType<typeof tempDir>
let server: Serving
let authorizeUrl: string
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  vi.stubEnv('LOG_LEVEL', 'silent')
  tmp = tempDir()
  // Port 0 in both: the public URL (and so the demo's redirect URI) names the port actually bound.
  server = await startServe(['--demo', '--host', '127.0.0.1', '--port', '0', '--public-url', 'http://127.0.0.1:0', '--database', tmp.file('kiroku.db')])
  authorizeUrl = authorizeUrlIn(server.io.err) ?? ''
})

afterAll(async () => {
  await browser?.close()
  if (server) await server.stop()
  tmp?.remove()
  vi.unstubAllEnvs()
})

async function newPage(options: { javaScriptEnabled: boolean }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  // A script error or a CSP violation would show up here; the flow must produce none.
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    // Every page links its icon, so not even the browser's favicon request may fail.
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`)
  })
  return { context, page, problems }
}

/** From the printed authorize URL to the PIN page: log in as demo/demo through the form, then press Approve. */
async function logInAndApprove(page: Page, url = authorizeUrl): Promise<{ location: string }> {
  await page.goto(url)
  expect(new URL(page.url()).pathname).toBe('/login')
  await page.getByLabel('Username').fill('demo')
  await page.getByLabel('Password').fill('demo')
  await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/authorize'), page.getByRole('button', { name: 'Log in' }).click()])

  await expect(page.getByRole('heading', { name: 'Authorize Demo App' }).isVisible()).resolves.toBe(true)
  const approved = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/v2/oauth/authorize')
  await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/pin'), page.getByRole('button', { name: 'Approve' }).click()])
  const response = await approved
  expect(response.status()).toBe(303)
  return { location: (await response.headerValue('location')) ?? '' }
}

async function viewerOf(token: string, path = '/graphql') {
  const res = await fetch(`${server.address}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: VIEWER }),
  })
  return { status: res.status, body: (await res.json()) as unknown }
}

describe('the implicit grant in headless Chromium', () => {
  it('serve --demo printed an authorize URL on the real address', () => {
    expect(server.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(authorizeUrl).toBe(`${server.address}/api/v2/oauth/authorize?client_id=1&response_type=token`)
  })

  it('logs in as demo/demo, approves, shows the token on the PIN page, clears the fragment, copies, and the token answers Viewer', async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled: true })
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.address })
      const { location } = await logInAndApprove(page)
      // The server sent the token in the fragment of the demo client's registered redirect URI…
      expect(location.startsWith(`${server.address}/api/v2/oauth/pin#access_token=`)).toBe(true)
      const sent = new URLSearchParams(location.slice(location.indexOf('#') + 1)).get('access_token')!

      // …the page's script put it in the box, and took it out of the address bar.
      const box = page.getByLabel('Access token')
      await expect(box.isVisible()).resolves.toBe(true)
      const token = await box.inputValue()
      expect(token).toBe(sent)
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(page.url()).toBe(`${server.address}/api/v2/oauth/pin`)
      // (Expressions as strings: the test is typed for Node, without the DOM's globals.)
      expect(await page.evaluate<string>('window.location.hash')).toBe('')
      await expect(page.locator('#expires-in').textContent()).resolves.toBe('365 days')
      await expect(page.locator('#token-missing').isVisible()).resolves.toBe(false)

      const copy = page.getByRole('button', { name: 'Copy' })
      await copy.click()
      await page.getByRole('button', { name: 'Copied' }).waitFor()
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(token)

      for (const path of ['/graphql', '/']) {
        const viewer = await viewerOf(token, path)
        expect(viewer).toEqual({ status: 200, body: { data: { Viewer: { id: 1, name: 'demo' } } } })
      }
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('with JavaScript off, login and approval still work and the PIN page explains where the token is', async () => {
    const { context, page, problems } = await newPage({ javaScriptEnabled: false })
    try {
      // demo approved the Demo App in the test above; prompt=consent asks again instead of answering at once.
      const { location } = await logInAndApprove(page, `${authorizeUrl}&prompt=consent`)
      expect(location.startsWith(`${server.address}/api/v2/oauth/pin#access_token=`)).toBe(true)

      // No script: the token stays in the address, the box stays hidden, and <noscript> says what to do.
      const token = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('access_token')
      expect(token).toBeTruthy()
      // (Playwright's text matching skips <noscript>, so the paragraph is found by CSS.)
      const explanation = page.locator('noscript p')
      await expect(explanation.isVisible()).resolves.toBe(true)
      await expect(explanation.textContent()).resolves.toContain("The token is in this page's address after the #")
      await expect(page.getByLabel('Access token').isVisible()).resolves.toBe(false)

      expect(await viewerOf(token!)).toEqual({ status: 200, body: { data: { Viewer: { id: 1, name: 'demo' } } } })
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
