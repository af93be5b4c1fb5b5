/**
 * The statements the two busiest OAuth paths cost, counted at the database driver: a regression here
 * (a second read of the client, an approval rewritten although it exists, writes outside one
 * transaction) shows as a higher count. The limits are today's counts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { authorize, fragmentParams, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { bodyCredentials, locationParams, pkcePair, REDIRECT, tokenRequest } from '../helpers/oauth.js'
import { recordStatements, type StatementLog } from '../helpers/driver-statements.js'

let s: TestServer
let log: StatementLog | null = null
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => {
  log?.stop()
  log = null
  await s.app.close()
})

async function approvedSetup() {
  const user = await makeUser(s.app)
  const { client, secret } = await makeClient(s.app, [REDIRECT])
  const browser = await loggedInBrowser(s.app, user)
  // The first authorization shows the page; approving it remembers the approval.
  await authorize(browser, { client_id: String(client.id), response_type: 'token' })
  return { client, secret, browser }
}

it('an implicit authorize answered from a remembered approval: at most 5 statements, 1 commit', async () => {
  const { client, browser } = await approvedSetup()
  log = recordStatements()
  const res = await browser.get(`/api/v2/oauth/authorize?${new URLSearchParams({ client_id: String(client.id), response_type: 'token' })}`)
  log.stop()
  expect(res.statusCode).toBe(302)
  expect(fragmentParams(res.headers.location as string).get('access_token')).toBeTruthy()
  console.log('implicit authorize', log.work, 'statements', log.commits, 'commits', log.statements)
  expect(log.work).toBeLessThanOrEqual(5)
  expect(log.commits).toBeLessThanOrEqual(1)
})

it('a code + PKCE flow (authorize, then token): at most 10 statements, 2 commits', async () => {
  const { client, secret, browser } = await approvedSetup()
  const { verifier, challenge } = pkcePair()
  log = recordStatements()
  const answer = await browser.get(
    `/api/v2/oauth/authorize?${new URLSearchParams({ client_id: String(client.id), response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' })}`,
  )
  expect(answer.statusCode).toBe(302)
  const code = locationParams(answer).get('code')!
  const token = await tokenRequest(s.app, { grant_type: 'authorization_code', code, code_verifier: verifier, ...bodyCredentials({ id: client.id, secret }) })
  log.stop()
  expect(token.statusCode).toBe(200)
  console.log('code flow', log.work, 'statements', log.commits, 'commits', log.statements)
  expect(log.work).toBeLessThanOrEqual(10)
  expect(log.commits).toBeLessThanOrEqual(2)
})
