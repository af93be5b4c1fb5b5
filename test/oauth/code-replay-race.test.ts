/**
 * RFC 6749 §4.1.2: a code presented twice revokes every token issued from it. When the two exchanges
 * run at the same time, the refused one may look for tokens to revoke before the other has issued
 * them; this checks that no interleaving leaves a working token behind.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeClient, makeUser, loggedInBrowser } from '../helpers/flow.js'
import { bodyCredentials, obtainCode, tokenRequest, viewerState, REDIRECT, type Credentials } from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

it('concurrent exchanges of one code: at most one succeeds, and if any was refused as a replay, no token works', async () => {
  const user = await makeUser(s.app)
  const { client, secret } = await makeClient(s.app, [REDIRECT])
  const creds: Credentials = { id: client.id, secret }
  const browser = await loggedInBrowser(s.app, user)
  for (let round = 0; round < 8; round++) {
    const code = await obtainCode(browser, { client_id: String(client.id) })
    const exchange = () => tokenRequest(s.app, { grant_type: 'authorization_code', code, ...bodyCredentials(creds) })
    const answers = await Promise.all([exchange(), exchange(), exchange()])
    const issued = answers.filter((a) => a.statusCode === 200).map((a) => a.json() as { access_token: string })
    const refused = answers.filter((a) => a.statusCode === 400)
    expect(issued.length + refused.length).toBe(3)
    expect(issued.length).toBeLessThanOrEqual(1)
    for (const r of refused) expect(r.json().error).toBe('invalid_grant')
    // Every other exchange was refused as a replay, so whatever was issued must be dead.
    for (const { access_token } of issued) expect(await viewerState(s.app, access_token)).toBe('Invalid token')
  }
})
