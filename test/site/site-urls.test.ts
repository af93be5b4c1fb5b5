/**
 * Issue 13's promise: every `siteUrl` the API returns resolves to a page. The demo world's works,
 * characters, staff, studios and users are asked for their siteUrl through GraphQL, and each path is
 * fetched as a browser would: a 200 HTML page, never the 404 page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { postJson } from '../helpers/graphql.js'
import { seedDemo } from '../../src/demo/seed.js'

const QUERY = `{
  anime: Page(perPage: 5) { media(type: ANIME, sort: POPULARITY_DESC) { siteUrl } }
  manga: Page(perPage: 5) { media(type: MANGA, sort: POPULARITY_DESC) { siteUrl } }
  characters: Page(perPage: 5) { characters { siteUrl } }
  staff: Page(perPage: 5) { staff { siteUrl } }
  studios: Page(perPage: 5) { studios { siteUrl } }
  users: Page(perPage: 5) { users { siteUrl } }
}`

let s: TestServer
let urls: string[]

beforeAll(async () => {
  s = await testServer()
  await seedDemo(s.app.kiroku)
  const res = await postJson(s.app, { query: QUERY })
  expect(res.statusCode, res.body).toBe(200)
  const data = (res.json() as { data: Record<string, Record<string, Array<{ siteUrl: string }>>> }).data
  urls = Object.values(data).flatMap((page) => Object.values(page).flat().map((item) => item.siteUrl))
})

afterAll(async () => {
  await s?.app.close()
})

describe('every siteUrl the API returns', () => {
  it('names this server, for every kind of thing that has one', () => {
    // Five of each kind the demo world has (it holds at least that many of each).
    expect(urls.length).toBeGreaterThanOrEqual(25)
    for (const url of urls) expect(url.startsWith(`${s.config.publicUrl}/`), url).toBe(true)
  })

  it('is a page', async () => {
    for (const url of urls) {
      const res = await s.app.inject({ method: 'GET', url: url.slice(s.config.publicUrl.length) })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toMatch(/^text\/html/)
      expect(res.body, url).not.toContain('<title>Not found')
    }
  })
})
