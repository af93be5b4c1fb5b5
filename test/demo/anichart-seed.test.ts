/** `serve --demo`'s AniChart seed: the demo user's AniChart settings and highlights, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.js'
import { findUserByName } from '../../src/accounts/users.js'
import { aniChartOf, updateAniChartSettings } from '../../src/accounts/anichart.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { tokenFor } from '../helpers/users.js'
import { graphql } from '../helpers/flow.js'

let s: TestServer
beforeAll(async () => {
  s = await testServer()
  await seedDemo(s.app.kiroku)
})
afterAll(async () => s.app.close())

describe('the demo AniChart data', () => {
  it('gives demo settings and two highlighted works, the airing one watched, read back through AniChartUser', async () => {
    const demo = (await findUserByName(s.app.kiroku.db, 'demo'))!
    const res = await graphql(s.app, '{ AniChartUser { user { name } settings highlights } }', await tokenFor(s.app, demo))
    const data = res.body.data.AniChartUser
    expect(data.user.name).toBe('demo')
    expect(data.settings).toEqual({ titleLanguage: 'ROMAJI', outgoingLinkProvider: 'ANILIST', theme: 'dark', sort: 'POPULARITY' })
    expect(Object.values(data.highlights).sort()).toEqual(['interested', 'watching'])
    const watching = Number(Object.keys(data.highlights).find((id) => data.highlights[id] === 'watching'))
    const media = await graphql(s.app, 'query ($id: Int) { Media(id: $id) { status } }', undefined, { id: watching })
    expect(media.body.data.Media.status).toBe('RELEASING')
  })

  it('leaves what demo changed on the next run', async () => {
    const demo = (await findUserByName(s.app.kiroku.db, 'demo'))!
    await updateAniChartSettings(s.app.kiroku.db, s.clock, demo.id, { theme: 'light' })
    await seedDemo(s.app.kiroku)
    expect((await aniChartOf(s.app.kiroku.db, demo.id)).settings.theme).toBe('light')
  })
})
