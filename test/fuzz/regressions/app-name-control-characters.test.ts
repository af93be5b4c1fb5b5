/**
 * Found by the fuzz suite on PostgreSQL: registering an app whose name holds U+0000 reached the
 * database, which cannot store NUL in text, and the developer page answered 500. A name with a
 * control character (NUL among them) is now refused like any other bad name: 400 and the form again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../../helpers/server.js'
import { loggedInBrowser, makeUser } from '../../helpers/flow.js'
import { csrfToken, decodeEntities } from '../../helpers/browser.js'
import { ClientError, createClient } from '../../../src/oauth/clients.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

describe('an app name with a control character', () => {
  it.each([['NUL', 'My\u0000App'], ['a lone NUL', '\u0000'], ['an escape', 'My\u001bApp'], ['DEL', 'My\u007fApp'], ['a C1 control', 'My\u0085App']])(
    'is refused on the developer page (%s): 400, the form again, nothing registered',
    async (_label, name) => {
      const browser = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
      const page = await browser.get('/settings/developer')
      const res = await browser.post('/settings/developer/clients', { csrf_token: csrfToken(page.body), name, redirect_uris: 'https://app.example/callback' })
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400)
      expect(decodeEntities(res.body)).toContain('The app name must not contain control characters.')
      expect(await s.app.kiroku.db.selectFrom('oauth_clients').select('id').execute()).toEqual([])
    },
  )

  it('is refused by createClient with a ClientError naming the name field', async () => {
    const attempt = createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'a\u0000b', redirectUris: ['https://app.example/callback'] })
    await expect(attempt).rejects.toBeInstanceOf(ClientError)
    await expect(attempt).rejects.toMatchObject({ field: 'name' })
  })

  it('leaves ordinary names alone, spaces and any script included', async () => {
    const { client } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Mon Appli 日本 ✓', redirectUris: ['https://app.example/callback'] })
    expect(client.name).toBe('Mon Appli 日本 ✓')
  })
})
