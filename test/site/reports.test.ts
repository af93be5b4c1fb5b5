/** Reporting forum posts to the moderators, and the moderators clearing reports on /moderation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { Browser, csrfToken } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import type { User } from '../../src/accounts/users.js'
import { grantRole } from '../../src/accounts/roles.js'
import { createThread } from '../../src/community/forum/thread-store.js'
import { createComment } from '../../src/community/forum/comment-store.js'
import { countReports, listReports, MAX_REPORT_REASON } from '../../src/community/moderation/reports.js'
import { listModActions } from '../../src/community/moderation/mod-actions.js'

let s: TestServer
let alice: User
let bob: User
let mod: User
let aliceBrowser: Browser
let bobBrowser: Browser
let modBrowser: Browser
let threadId: number
let commentId: number

beforeAll(async () => {
  s = await catalogServer()
  alice = await makeUser(s.app, 'alice')
  bob = await makeUser(s.app, 'bob')
  mod = await makeUser(s.app, 'moddy')
  await grantRole(s.app.kiroku.db, s.clock, mod.id, 'moderator')
  aliceBrowser = await loggedInBrowser(s.app, alice)
  bobBrowser = await loggedInBrowser(s.app, bob)
  modBrowser = await loggedInBrowser(s.app, mod)
  const db = s.app.kiroku.db
  const thread = await db.transaction().execute((trx) => createThread(trx, { userId: alice.id, title: 'Reportable', body: 'Body', categoryIds: [1], mediaIds: [], isLocked: false, isSticky: false, createdAt: s.clock() }))
  threadId = thread.id
  commentId = (await db.transaction().execute((trx) => createComment(trx, { threadId, userId: alice.id, parent: null, comment: 'A rude remark', isLocked: false, createdAt: s.clock() }))).id
})
afterAll(async () => s.app.close())

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null
const open = () => listReports(s.app.kiroku.db, { cleared: false }, { limit: 100, offset: 0 })

describe('reporting a post', () => {
  it('offers Report on others’ posts only, and needs a login', async () => {
    const asBob = await bobBrowser.get(`/forum/thread/${threadId}`)
    expect(asBob.body).toContain(`href="/forum/report?thread=${threadId}"`)
    expect(asBob.body).toContain(`href="/forum/report?comment=${commentId}"`)
    const asAlice = await aliceBrowser.get(`/forum/thread/${threadId}`)
    expect(asAlice.body).not.toContain('/forum/report?')
    const visitor = await new Browser(s.app).get(`/forum/report?comment=${commentId}`)
    expect(visitor.statusCode).toBe(303)
    expect((await bobBrowser.get('/forum/report?comment=999999')).statusCode).toBe(404)
    expect((await bobBrowser.get('/forum/report?thread=x')).statusCode).toBe(404)
  })

  it('files a report with its reason, back to the thread with a message; refuses an empty, a long or an own report and a missing CSRF token', async () => {
    const form = await bobBrowser.get(`/forum/report?comment=${commentId}`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('A rude remark')
    const token = csrfToken(form.body)
    const sent = await bobBrowser.post('/forum/report', { csrf_token: token, type: 'ThreadComment', id: String(commentId), reason: 'Insults another user.' })
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe(`/forum/thread/${threadId}`)
    expect(flashOf((await bobBrowser.get(`/forum/thread/${threadId}`)).body)).toBe('Reported. A moderator will look at it.')
    expect(await open()).toMatchObject([{ reporterId: bob.id, reportedId: alice.id, objectType: 'ThreadComment', objectId: commentId, reason: 'Insults another user.', cleared: false }])

    const empty = await bobBrowser.post('/forum/report', { csrf_token: token, type: 'Thread', id: String(threadId), reason: '   ' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Say what is wrong with it.')
    const long = await bobBrowser.post('/forum/report', { csrf_token: token, type: 'Thread', id: String(threadId), reason: 'x'.repeat(MAX_REPORT_REASON + 1) })
    expect(long.statusCode).toBe(400)
    const own = await aliceBrowser.post('/forum/report', { csrf_token: csrfToken((await aliceBrowser.get(`/forum/report?thread=${threadId}`)).body), type: 'Thread', id: String(threadId), reason: 'Mine' })
    expect(own.statusCode).toBe(400)
    const forged = await bobBrowser.post('/forum/report', { type: 'Thread', id: String(threadId), reason: 'No token' })
    expect(forged.statusCode).toBe(403)
    expect((await bobBrowser.post('/forum/report', { csrf_token: token, type: 'Activity', id: '1', reason: 'What' })).statusCode).toBe(404)
    expect(await countReports(s.app.kiroku.db, { cleared: false })).toBe(1)
  })
})

describe('clearing a report', () => {
  it('shows open reports to moderators, lets only them clear one, and keeps the clearing in the record', async () => {
    const [report] = await open()
    const page = await modBrowser.get('/moderation')
    expect(page.body).toContain('Insults another user.')
    expect(page.body).toContain(`action="/moderation/reports/${report!.id}/clear"`)
    const refused = await bobBrowser.post(`/moderation/reports/${report!.id}/clear`, { csrf_token: csrfToken((await bobBrowser.get(`/forum/thread/${threadId}`)).body) })
    expect(refused.statusCode).toBe(403)
    expect((await modBrowser.post(`/moderation/reports/${report!.id}/clear`, {})).statusCode).toBe(403)
    expect(await open()).toHaveLength(1)
    const cleared = await modBrowser.post(`/moderation/reports/${report!.id}/clear`, { csrf_token: csrfToken(page.body) })
    expect(cleared.statusCode).toBe(303)
    const after = await modBrowser.get('/moderation')
    expect(flashOf(after.body)).toBe('The report was cleared.')
    expect(after.body).toContain('No report waits.')
    expect(await open()).toEqual([])
    const [action] = await listModActions(s.app.kiroku.db, {}, { limit: 1, offset: 0 })
    expect(action).toMatchObject({ modId: mod.id, userId: alice.id, type: 'REPORT', objectType: 'ThreadComment', objectId: commentId })
    expect(after.body).toContain('cleared a report on')
    expect((await modBrowser.post(`/moderation/reports/${report!.id}/clear`, { csrf_token: csrfToken(after.body) })).statusCode).toBe(404)
  })
})
