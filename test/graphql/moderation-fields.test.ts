/**
 * Fields about AniList's forum and moderation team, which Kiroku does not have: clients select them
 * in their shared fragments (PlexAniSync's SaveMediaListEntry does), so they must answer, with what
 * AniList answers for a work or a user that has none.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import { userWithToken } from '../helpers/users.js'
import { graphql } from '../helpers/flow.js'
import type { TestServer } from '../helpers/server.js'
import { grantRole, revokeRole } from '../../src/accounts/roles.js'

let s: TestServer
beforeAll(async () => {
  s = await catalogServer()
})
afterAll(async () => s.app.close())

it('Media and User answer the forum and moderation fields with "none"', async () => {
  const { token, user } = await userWithToken(s.app)
  const media = await s.app.kiroku.db.selectFrom('media').select('id').limit(1).executeTakeFirstOrThrow()
  const query = `query ($id: Int) {
    Media(id: $id) { id autoCreateForumThread modNotes }
    Viewer { id bans moderatorRoles moderatorStatus previousNames { name createdAt updatedAt } }
  }`
  for (let run = 0; run < 2; run++) {
    const res = await graphql(s.app, query, token, { id: String(media.id) })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      data: {
        Media: { id: media.id, autoCreateForumThread: false, modNotes: null },
        Viewer: { id: user.id, bans: null, moderatorRoles: null, moderatorStatus: null, previousNames: [] },
      },
    })
  }
})

it('a moderator (granted through accounts/roles.ts, as `kiroku user role` does) shows as a community moderator', async () => {
  const { token, user } = await userWithToken(s.app, 'mika')
  expect(await grantRole(s.app.kiroku.db, () => 1_700_000_000, user.id, 'moderator')).toBe(true)
  const res = await graphql(s.app, `{ Viewer { id moderatorRoles moderatorStatus } }`, token)
  expect(res.body).toEqual({ data: { Viewer: { id: user.id, moderatorRoles: ['COMMUNITY'], moderatorStatus: 'COMMUNITY' } } })
  expect(await revokeRole(s.app.kiroku.db, user.id, 'moderator')).toBe(true)
  const after = await graphql(s.app, `{ Viewer { moderatorRoles } }`, token)
  expect(after.body).toEqual({ data: { Viewer: { moderatorRoles: null } } })
})
