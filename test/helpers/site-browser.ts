/**
 * The site's browser tests: a Kiroku with the demo world on a real port, headless Chromium, and the
 * checks every page must pass (issue 13): no console error, page error or failed request; no serious
 * or critical axe-core violation; no horizontal overflow at phone size; a capture at 1280×800 and
 * 390×844 in test-results/screens/.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { expect } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from './chromium.js'
import { listeningServer, type TestServer } from './server.js'
import { seedDemo } from '../../src/demo/seed.js'

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }
export const SCREENS_DIR = path.resolve('test-results', 'screens')

/** The browser tests drive one dialect's server: the pages read through the same modules on both, and the browser is slow. */
export const runsBrowserTests = process.env.KIROKU_TEST_DIALECT !== 'postgres'

export interface Site {
  server: TestServer & { baseUrl: string }
  browser: Browser
  close(): Promise<void>
}

/** A listening server with the demo world (users demo/demo, alice, bob; the built-in catalog; their lists) and a browser. */
export async function openSite(): Promise<Site> {
  const server = await listeningServer()
  await seedDemo(server.app.kiroku)
  const browser = await launchChromium()
  return {
    server,
    browser,
    async close() {
      await browser.close()
      await server.app.close()
    },
  }
}

/** A page whose problems (console errors, page errors, failed requests, 4xx/5xx answers) are collected. */
export interface WatchedPage {
  context: BrowserContext
  page: Page
  problems: string[]
  /** Allows answers with this status for URLs matching `pattern` (a test that asks for a 404 on purpose). */
  allow(pattern: RegExp, status: number): void
}

export async function watchedPage(site: Site, options: { javaScriptEnabled?: boolean } = {}): Promise<WatchedPage> {
  const context = await site.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: options.javaScriptEnabled ?? true, baseURL: site.server.baseUrl })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const problems: string[] = []
  const allowed: Array<{ pattern: RegExp; status: number }> = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`)
  })
  page.on('requestfailed', (request) => {
    // The browser cancelled it: a navigation replaced the page while it (or its pictures) still loaded.
    // Not a failure of the site; a refused or blocked request fails with another error or an HTTP status.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`)
  })
  page.on('response', (response) => {
    const status = response.status()
    if (status < 400) return
    if (allowed.some((a) => a.status === status && a.pattern.test(response.url()))) return
    problems.push(`HTTP ${status}: ${response.request().method()} ${response.url()}`)
  })
  return { context, page, problems, allow: (pattern, status) => void allowed.push({ pattern, status }) }
}

const require = createRequire(import.meta.url)
// The page's own global, inside evaluate() callbacks (the test program has no DOM library).
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } }
let axeSource: string | undefined

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: unknown[] }>
}

/** axe-core's serious and critical violations on the page as it stands, less the rules `ignored` names. */
export async function axeViolations(page: Page, ignored: readonly string[] = []): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  // evaluate() runs through the DevTools protocol, outside the page's CSP: no inline script is allowed in.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
  return violations.filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !ignored.includes(v.id))
}

/** How far the page is wider than its window, in CSS pixels (0 when nothing overflows sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth))
}

/**
 * The checks every page must pass, at the desktop size and the phone size: axe-core finds no serious
 * or critical violation, nothing overflows sideways on the phone, and the page is captured at both.
 * Ends back at the desktop size. `name` names the captures. `ignoreAxeRules`: rule ids a third-party
 * widget on the page breaks and the site cannot fix; each caller says why in a comment.
 */
export async function checkPage(watched: WatchedPage, name: string, options: { ignoreAxeRules?: readonly string[] } = {}): Promise<void> {
  const ignored = options.ignoreAxeRules ?? []
  const { page } = watched
  fs.mkdirSync(SCREENS_DIR, { recursive: true })
  await page.setViewportSize(DESKTOP)
  expect(await axeViolations(page, ignored), `axe at ${DESKTOP.width}px on ${name}`).toEqual([])
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-desktop.png`), fullPage: true })
  await page.setViewportSize(PHONE)
  expect(await horizontalOverflow(page), `horizontal overflow at ${PHONE.width}px on ${name}`).toBe(0)
  expect(await axeViolations(page, ignored), `axe at ${PHONE.width}px on ${name}`).toEqual([])
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-phone.png`), fullPage: true })
  await page.setViewportSize(DESKTOP)
  expect(watched.problems, `problems on ${name}`).toEqual([])
}

/** Logs in through the login form as `name`/`password` and waits for the page it leads to. */
export async function logIn(page: Page, name: string, password: string, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`)
  await page.getByLabel('Username').fill(name)
  await page.getByLabel('Password').fill(password)
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Log in' }).click()])
}

/**
 * Takes the demo's social seed (src/demo/social.ts) back out: for tests that start from users who do
 * not know each other yet (a first follow, a first notification).
 */
export async function forgetDemoSocialLife(site: Site): Promise<void> {
  const { db } = site.server.app.kiroku
  for (const table of ['notifications', 'likes', 'activity_subscriptions', 'activity_replies', 'activities', 'follows'] as const) await db.deleteFrom(table).execute()
}
