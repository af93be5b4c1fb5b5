/**
 * A cookie-keeping browser over real HTTP (fetch), for servers listening on ports: each request names
 * the server it goes to, so one person's session can move between instances behind a load balancer.
 * Redirects are never followed, so tests can assert every Location.
 */

export interface HttpResponse {
  statusCode: number
  headers: Headers
  body: string
}

export class HttpBrowser {
  readonly cookies = new Map<string, string>()

  async get(base: string, path: string): Promise<HttpResponse> {
    return this.send(base, path, { method: 'GET' })
  }

  /** POSTs a form. */
  async post(base: string, path: string, form: Record<string, string>): Promise<HttpResponse> {
    return this.send(base, path, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  }

  private async send(base: string, path: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<HttpResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(base + path, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } })
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { statusCode: res.status, headers: res.headers, body: await res.text() }
  }
}

/** POSTs a form to a JSON endpoint without cookies (the token and revocation endpoints). */
export async function postForm(url: string, form: Record<string, string>): Promise<{ statusCode: number; json: () => unknown; body: string }> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  const body = await res.text()
  return { statusCode: res.status, body, json: () => JSON.parse(body) }
}

/** Sends `{ Viewer { id } }` with a Bearer token; 'ok:<id>', the GraphQL error message, or the status. */
export async function viewerOver(base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ Viewer { id } }' }),
  })
  const body = (await res.json()) as { data?: { Viewer?: { id: number } } | null; errors?: Array<{ message: string }> }
  if (res.status === 200 && body.data?.Viewer) return `ok:${body.data.Viewer.id}`
  if (res.status === 429) return '429'
  return body.errors?.[0]?.message ?? `status ${res.status}`
}
