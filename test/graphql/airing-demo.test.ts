import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { seedDemo } from '../../src/demo/seed.js'
import { ask } from './media-helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await testServer()
})
afterAll(async () => s.app.close())

const NEXT = `{ Media(id: 21) { status nextAiringEpisode { episode timeUntilAiring } airingSchedule(notYetAired: true, perPage: 1) { pageInfo { total } } } }`

describe('the demo’s releasing anime', () => {
  it('has its next episode less than a week ahead on a fresh start, and again on a start a year later', async () => {
    await seedDemo(s.app.kiroku)
    const fresh = await ask(s.app, NEXT)
    expect(fresh.body.data.Media.status).toBe('RELEASING')
    const { timeUntilAiring } = fresh.body.data.Media.nextAiringEpisode
    expect(timeUntilAiring).toBeGreaterThan(0)
    expect(timeUntilAiring).toBeLessThanOrEqual(7 * 24 * 3600)
    expect(fresh.body.data.Media.airingSchedule.pageInfo.total).toBe(52)

    // A year later without a restart the schedule runs out; the next start puts a new year ahead.
    s.clock.advance(400 * 24 * 3600)
    expect((await ask(s.app, NEXT)).body.data.Media.nextAiringEpisode).toBeNull()
    await seedDemo(s.app.kiroku)
    const later = await ask(s.app, NEXT)
    expect(later.body.data.Media.nextAiringEpisode.timeUntilAiring).toBeGreaterThan(0)
    expect(later.body.data.Media.nextAiringEpisode.episode).toBeGreaterThan(fresh.body.data.Media.nextAiringEpisode.episode + 52)
  })
})
