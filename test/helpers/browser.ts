/**
 * A minimal browser over app.inject(): keeps cookies, reads CSRF tokens out of forms, and never
 * follows redirects on its own, so tests can assert every Location.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

export class Browser {
  readonly cookies = new Map<string, string>()
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === ''
      if (expired) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    return res
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader()
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } }))
  }

  /** POSTs a form; values that are arrays are sent as repeated fields. */
  async post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
    const cookie = this.cookieHeader()
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      }),
    )
  }
}

/** The value of the CSRF token field in a page's first form. */
export function csrfToken(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('no CSRF token in page')
  return match[1]!
}

/** Every hidden input of the page's form with the given action, as name → value. */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[?]/g, '\\?')}"[\\s\\S]*?</form>`).exec(html)
  if (!form) throw new Error(`no form posting to ${action}`)
  const out: Record<string, string> = {}
  for (const m of form[0].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = decodeEntities(m[2]!)
  return out
}

export function decodeEntities(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** Logs in through the login form; returns the final response. */
export async function logIn(browser: Browser, name: string, password: string, next?: string): Promise<LightMyRequestResponse> {
  const page = await browser.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
  return browser.post('/login', { csrf_token: csrfToken(page.body), name, password, next: next ?? '/' })
}
