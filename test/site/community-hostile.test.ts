/**
 * Issue 15's pages under hostile values (empty, negative, huge, 60,000 characters, NUL, repeated
 * fields) as a logged-in moderator: reports, moderation, the review editor, recommendations, the forum
 * and paged activity and thread pages answer below 500, on both dialects.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { csrfToken, type Browser } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import { grantRole } from '../../src/accounts/roles.js'

let s: TestServer
let b: Browser
beforeAll(async () => {
  s = await catalogServer()
  const u = await makeUser(s.app, 'moddy')
  await grantRole(s.app.kiroku.db, s.clock, u.id, 'moderator')
  b = await loggedInBrowser(s.app, u)
})
afterAll(async () => s.app.close())

it('answers every hostile query and form below 500', async () => {
  const token = csrfToken((await b.get('/forum')).body)
  const values = ['', '0', '-1', '1e3', '99999999999999999999', 'a'.repeat(60000), '\u0000', '%00', '1;drop', '[object Object]']
  const gets = ['/forum/report?thread=', '/forum/report?comment=', '/forum/report?thread=1&thread=', '/moderation?page=', '/forum/thread/1?page=', '/forum/recent?category=', '/activity/1?page=', '/review/new?mediaId=', '/review/', '/forum/thread/']
  const bad: string[] = []
  for (const g of gets) for (const v of values) {
    const res = await b.get(g + encodeURIComponent(v))
    if (res.statusCode >= 500) bad.push(`GET ${g}${v.slice(0, 20)} ${res.statusCode}`)
  }
  const posts: Array<[string, string[]]> = [['/forum/report', ['type', 'id', 'reason']], ['/moderation/reports/1/clear', []], ['/recommendation', ['mediaId', 'work', 'otherId', 'rating']], ['/review/new', ['mediaId', 'summary', 'body', 'score', 'private']], ['/forum/new', ['title', 'body', 'category']]]
  for (const [path, fields] of posts) for (const v of values) {
    const form: Record<string, string | string[]> = { csrf_token: token }
    for (const f of fields) form[f] = v
    const res = await b.post(path, form)
    if (res.statusCode >= 500) bad.push(`POST ${path} ${v.slice(0, 20)} ${res.statusCode}`)
    const arr: Record<string, string | string[]> = { csrf_token: token }
    for (const f of fields) arr[f] = [v, v]
    const res2 = await b.post(path, arr)
    if (res2.statusCode >= 500) bad.push(`POST[] ${path} ${v.slice(0, 20)} ${res2.statusCode}`)
  }
  expect(bad).toEqual([])
}, 120_000)
