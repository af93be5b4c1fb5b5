/**
 * Every redirect that answers a POST carrying credentials (the session cookie and CSRF token of the
 * approval form) is 303 See Other (RFC 9700 §4.12): a 307 would make the browser re-send the form,
 * credentials included, to the app; 302 leaves the method to the browser. GET redirects keep 302.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { csrfToken, hiddenFields } from '../helpers/browser.js'
import { authorize, fragmentParams, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { locationParams, REDIRECT } from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

async function setup() {
  const browser = await loggedInBrowser(s.app, await makeUser(s.app))
  const { client } = await makeClient(s.app, [REDIRECT])
  return { browser, id: String(client.id) }
}

describe('the approval form answers 303', () => {
  it('Approve, for the implicit grant and the code grant', async () => {
    const { browser, id } = await setup()
    const token = await authorize(browser, { client_id: id, response_type: 'token', prompt: 'consent' })
    expect(token.statusCode).toBe(303)
    expect(fragmentParams(String(token.headers.location)).get('access_token')).toBeTruthy()
    const code = await authorize(browser, { client_id: id, response_type: 'code', prompt: 'consent' })
    expect(code.statusCode).toBe(303)
    expect(locationParams(code).get('code')).toBeTruthy()
  })

  it('Deny', async () => {
    const { browser, id } = await setup()
    const res = await authorize(browser, { client_id: id, response_type: 'code' }, 'deny')
    expect(res.statusCode).toBe(303)
    expect(locationParams(res).get('error')).toBe('access_denied')
  })

  it('an error found in the posted form, once the redirect URI is verified', async () => {
    const { browser, id } = await setup()
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=code`)
    const fields = hiddenFields(page.body, '/api/v2/oauth/authorize')
    const res = await browser.post('/api/v2/oauth/authorize', { ...fields, response_type: 'bogus', csrf_token: csrfToken(page.body), decision: 'approve' })
    expect(res.statusCode).toBe(303)
    expect(fragmentParams(String(res.headers.location)).get('error')).toBe('unsupported_response_type')
  })

  it('a POST without a session is refused with 403, never redirected to the app', async () => {
    const { browser, id } = await setup()
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=code`)
    const fields = hiddenFields(page.body, '/api/v2/oauth/authorize')
    const res = await s.app.inject({ method: 'POST', url: '/api/v2/oauth/authorize', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })
    expect(res.statusCode).toBe(403)
    expect(res.headers.location).toBeUndefined()
  })
})

describe('GET redirects keep 302', () => {
  it('a remembered approval and an error redirect', async () => {
    const { browser, id } = await setup()
    await authorize(browser, { client_id: id, response_type: 'code' })
    const again = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=code`)
    expect(again.statusCode).toBe(302)
    const error = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=bogus`)
    expect(error.statusCode).toBe(302)
  })
})
