/**
 * Deleting a client ends everything issued to it through the same revocation path as Revoke on
 * /settings/apps: every access token (announced, so that the token check cache of this and every
 * other instance drops it at once), every refresh token, code not yet exchanged and device approval
 * not yet collected, for every user.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { csrfToken, hiddenFields, type Browser } from '../helpers/browser.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { MemoryBus } from '../helpers/broadcast.js'
import { bodyCredentials, exchangeCode, obtainCode, postOAuth, refresh, tokenRequest, viewerState, type Credentials } from '../helpers/oauth.js'
import { createClient } from '../../src/oauth/clients.js'
import { AccessTokens, InvalidTokenError, REVOKED_TOPIC } from '../../src/oauth/tokens.js'
import { InvalidClient } from '../../src/oauth/errors.js'
import { issueTokenPair } from '../../src/oauth/token/issue.js'
import { validateAuthorizationRequest } from '../../src/oauth/authorize/index.js'
import { completeAuthorization } from '../../src/oauth/authorize/complete.js'
import { AuthorizePageError } from '../../src/oauth/authorize/page-error.js'

let s: TestServer
afterEach(async () => s.app.close())

const REDIRECT = 'https://owned.example/cb'

/** Alice owns a confidential client; Bob and Carol each approved it and hold a token pair. */
async function setup() {
  const alice = await makeUser(s.app, 'alice')
  const { client, secret } = await createClient(s.app.kiroku.db, s.clock, { name: 'Owned App', redirectUris: [REDIRECT], ownerUserId: alice.id })
  const creds: Credentials = { id: client.id, secret }
  const holders = []
  for (const name of ['bob', 'carol']) {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app, name))
    const tokens = await exchangeCode(s.app, creds, await obtainCode(browser, { client_id: String(client.id) }))
    holders.push({ browser, tokens })
  }
  return { aliceBrowser: await loggedInBrowser(s.app, alice), client, creds, holders }
}

async function deleteOnPage(browser: Browser, clientId: number): Promise<void> {
  const page = await browser.get('/settings/developer')
  const res = await browser.post(`/settings/developer/clients/${clientId}/delete`, { csrf_token: csrfToken(page.body) })
  expect(res.statusCode).toBe(303)
}

describe('deleting a client', () => {
  it('refuses its access tokens at once, even those the token check cache trusts', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const { aliceBrowser, client, holders } = await setup()
    // Each token was just checked, so the cache would trust it for a minute without being told.
    for (const { tokens } of holders) expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
    await deleteOnPage(aliceBrowser, client.id)
    for (const { tokens } of holders) expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
  })

  it('ends refresh tokens, codes not yet exchanged and device approvals not yet collected', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const { aliceBrowser, client, creds, holders } = await setup()
    const pendingCode = await obtainCode(holders[0]!.browser, { client_id: String(client.id) })
    const device = (await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials(creds))).json() as { device_code: string; user_code: string }
    const activate = holders[1]!.browser
    const typed = await activate.post('/activate', { csrf_token: csrfToken((await activate.get('/activate')).body), user_code: device.user_code })
    expect((await activate.post('/activate', { ...hiddenFields(typed.body, '/activate'), decision: 'approve' })).statusCode).toBe(200)

    await deleteOnPage(aliceBrowser, client.id)
    for (const { tokens } of holders) expect((await refresh(s.app, creds, tokens.refresh_token)).statusCode).toBe(401)
    expect((await tokenRequest(s.app, { grant_type: 'authorization_code', code: pendingCode, ...bodyCredentials(creds) })).statusCode).toBe(401)
    const poll = await tokenRequest(s.app, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, ...bodyCredentials(creds) })
    expect(poll.statusCode).toBe(401)
    for (const table of ['oauth_access_tokens', 'oauth_refresh_tokens', 'oauth_codes', 'oauth_device_codes', 'oauth_approvals'] as const) {
      expect(await s.app.kiroku.db.selectFrom(table).select('client_id').where('client_id', '=', client.id).execute(), table).toEqual([])
    }
  })

  it('announces the revoked tokens: another instance that trusts them refuses them at once', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    // Stands in for Redis: this server's tokens announce on a bus that a second instance hears.
    const bus = new MemoryBus()
    const { db, clock, keys, config } = s.app.kiroku
    s.app.kiroku.tokens = new AccessTokens(db, clock, keys, config.accessTokenTtlSeconds, { broadcast: bus.endpoint(), checkCacheSeconds: 60 })
    const other = new AccessTokens(db, clock, keys, config.accessTokenTtlSeconds, { broadcast: bus.endpoint(), checkCacheSeconds: 60 })
    const { aliceBrowser, client, holders } = await setup()
    for (const { tokens } of holders) await other.verify(tokens.access_token)

    await deleteOnPage(aliceBrowser, client.id)
    for (const { tokens } of holders) await expect(other.verify(tokens.access_token)).rejects.toBeInstanceOf(InvalidTokenError)
    const announced = bus.sent.filter(([topic]) => topic === REVOKED_TOPIC).flatMap(([, payload]) => payload.split(','))
    expect(announced).toHaveLength(holders.length)
  })

  it('leaves other clients’ tokens alone, and a 404 for someone else’s client revokes nothing', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const { client, holders } = await setup()
    const mallory = await loggedInBrowser(s.app, await makeUser(s.app, 'mallory'))
    const page = await mallory.get('/settings/developer')
    const res = await mallory.post(`/settings/developer/clients/${client.id}/delete`, { csrf_token: csrfToken(page.body) })
    expect(res.statusCode).toBe(404)
    for (const { tokens } of holders) expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
    expect(await s.app.kiroku.db.selectFrom('oauth_access_tokens').select('jti').where('revoked_at', 'is not', null).execute()).toEqual([])
  })
})

// The race the probe found on PostgreSQL: a token request (or an approval) checked its client, then
// the client was deleted before the new rows were written, whose foreign key then failed with a 500.
// Reduced here to its essence: the writes run for a client that is gone.
describe('a client deleted while its request is under way', () => {
  it('the token endpoint answers invalid_client, not a 500', async () => {
    s = await testServer()
    const bob = await makeUser(s.app, 'bob')
    await expect(issueTokenPair(s.app.kiroku, { clientId: 999_999, userId: bob.id, grantType: 'authorization_code' })).rejects.toBeInstanceOf(InvalidClient)
  })

  // 'remembered' writes no approval: then the token's or the code's own row meets the missing client.
  for (const approval of ['given', 'remembered'] as const) {
    for (const responseType of ['token', 'code'] as const) {
      it(`the approval (${approval}, response_type=${responseType}) ends on an error page, never a redirect to the deleted app`, async () => {
        s = await testServer()
        const bob = await makeUser(s.app, 'bob')
        const alice = await makeUser(s.app, 'alice')
        const { client } = await createClient(s.app.kiroku.db, s.clock, { name: 'Doomed App', redirectUris: [REDIRECT], ownerUserId: alice.id })
        const outcome = await validateAuthorizationRequest(s.app.kiroku, { client_id: String(client.id), response_type: responseType })
        expect(outcome.kind).toBe('valid')
        await s.app.kiroku.db.deleteFrom('oauth_clients').where('id', '=', client.id).execute()
        if (outcome.kind !== 'valid') return
        await expect(completeAuthorization(s.app.kiroku, outcome.request, bob.id, approval)).rejects.toBeInstanceOf(AuthorizePageError)
      })
    }
  }
})
