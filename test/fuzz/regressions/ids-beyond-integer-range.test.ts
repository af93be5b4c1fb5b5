/**
 * Found by the fuzz suite on PostgreSQL: a client id that is a safe JavaScript integer but beyond the
 * 32-bit `integer` column (2147483648 and up) reached the database, which refused the query ("value
 * out of range for type integer"), and the request got a 500. No row can have such an id: it is an
 * unknown client, answered as any other.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../../helpers/server.js'
import { loggedInBrowser, makeClient, makeUser } from '../../helpers/flow.js'
import { csrfToken, type Browser } from '../../helpers/browser.js'
import { postOAuth } from '../../helpers/oauth.js'

const BEYOND = ['2147483648', '4294967296', '9007199254740991']

let s: TestServer
let browser: Browser
beforeEach(async () => {
  s = await testServer()
  browser = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
  await makeClient(s.app)
})
afterEach(async () => s.app.close())

describe('a client id beyond the 32-bit integer range', () => {
  it.each(BEYOND)('is an unknown client at the authorization endpoint (%s), an error page and no redirect', async (id) => {
    const res = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=token`)
    expect(res.statusCode).toBe(400)
    expect(res.headers.location).toBeUndefined()
    expect(res.body).toContain(`No client is registered with client_id &quot;${id}&quot;`)
  })

  it.each(['/api/v2/oauth/token', '/api/v2/oauth/revoke', '/api/v2/oauth/introspect', '/api/v2/oauth/device/code'])('is invalid_client at %s, in the body as a string or a JSON number', async (path) => {
    for (const id of BEYOND) {
      const asForm = await postOAuth(s.app, path, { grant_type: 'refresh_token', refresh_token: 'x', token: 'x', client_id: id, client_secret: 'x' })
      expect(asForm.statusCode, asForm.body).toBe(401)
      expect(asForm.json()).toMatchObject({ error: 'invalid_client' })
      const asJson = await s.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: `{"grant_type":"refresh_token","refresh_token":"x","token":"x","client_id":${id},"client_secret":"x"}` })
      expect(asJson.statusCode, asJson.body).toBe(401)
    }
  })

  it.each([
    ['/settings/developer/clients/ID/delete', '/settings/developer'],
    ['/settings/apps/ID/revoke', '/settings/apps'],
  ])('is no such app at %s: 404 and the page again', async (pattern, page) => {
    const form = await browser.get(page)
    for (const id of BEYOND) {
      const res = await browser.post(pattern.replace('ID', id), { csrf_token: csrfToken(form.body) })
      expect(res.statusCode, res.body.slice(0, 300)).toBe(404)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
    }
  })
})
