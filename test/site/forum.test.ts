/**
 * The forum pages over app.inject(): the front page and category lists, the new-thread form (CSRF,
 * PRG with its flash, refusals shown beside the form), a thread with nested comments and the reply
 * form under each, likes, subscription, the moderators' lock and sticky, deletion, and visitors sent
 * to log in. Each change is read back from the forum's store, not from the page alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { Browser, csrfToken, hiddenFields } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import type { User } from '../../src/accounts/users.js'
import { grantRole } from '../../src/accounts/roles.js'
import { findThreads, loadThread } from '../../src/community/forum/thread-store.js'
import { createComment, findComments, loadComment } from '../../src/community/forum/comment-store.js'
import { ROOT_COMMENTS_SHOWN } from '../../src/site/forum/thread-page.js'
import { likeCounts } from '../../src/social/likes.js'
import { subscribedThreadsAmong } from '../../src/community/forum/thread-subscriptions.js'

let s: TestServer
let alice: User
let bob: User
let mod: User
let aliceBrowser: Browser
let bobBrowser: Browser
let modBrowser: Browser

beforeAll(async () => {
  s = await catalogServer()
  alice = await makeUser(s.app, 'alice')
  bob = await makeUser(s.app, 'bob')
  mod = await makeUser(s.app, 'moddy')
  await grantRole(s.app.kiroku.db, s.clock, mod.id, 'moderator')
  aliceBrowser = await loggedInBrowser(s.app, alice)
  bobBrowser = await loggedInBrowser(s.app, bob)
  modBrowser = await loggedInBrowser(s.app, mod)
})
afterAll(async () => s.app.close())

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null

async function newThread(browser: Browser, title: string, categories: string[] = ['2']): Promise<number> {
  const form = await browser.get('/forum/new')
  const res = await browser.post('/forum/new', { csrf_token: csrfToken(form.body), title, body: 'Opening *post*', category: categories })
  expect(res.statusCode).toBe(303)
  return Number(/\/forum\/thread\/(\d+)$/.exec(res.headers.location as string)![1])
}

async function postComment(browser: Browser, threadId: number, text: string, parent?: number) {
  const page = await browser.get(`/forum/thread/${threadId}`)
  return browser.post(`/forum/thread/${threadId}/comments`, { csrf_token: csrfToken(page.body), comment: text, ...(parent ? { parent: String(parent) } : {}) })
}

describe('the forum pages', () => {
  it('starts a thread from the form, with a flash, and lists it on the front page and in its category', async () => {
    const id = await newThread(aliceBrowser, 'Winter picks', ['2', '7'])
    const page = await aliceBrowser.get(`/forum/thread/${id}`)
    expect(page.statusCode).toBe(200)
    expect(flashOf(page.body)).toBe('Posted.')
    expect(page.body).toContain('<em>post</em>')
    expect((await loadThread(s.app.kiroku.db, id))!.title).toBe('Winter picks')
    const front = await new Browser(s.app).get('/forum')
    expect(front.body).toContain(`href="/forum/thread/${id}">Winter picks</a>`)
    expect((await new Browser(s.app).get('/forum/recent?category=7')).body).toContain('Winter picks')
    expect((await new Browser(s.app).get('/forum/recent?category=13')).body).not.toContain('Winter picks')
    expect((await new Browser(s.app).get('/forum/recent?category=6')).statusCode).toBe(404)
  })

  it('shows a refused thread again with its text and the reason, and sends visitors to log in', async () => {
    const form = await aliceBrowser.get('/forum/new')
    const res = await aliceBrowser.post('/forum/new', { csrf_token: csrfToken(form.body), title: 'No category', body: 'Body' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('The categories field is required.')
    expect(res.body).toContain('value="No category"')
    const visitor = new Browser(s.app)
    expect((await visitor.get('/forum/new')).headers.location).toBe(`/login?next=${encodeURIComponent('/forum/new')}`)
    expect((await visitor.post('/forum/new', { title: 't', body: 'b', category: '1' })).statusCode).toBe(303)
    const forged = await aliceBrowser.post('/forum/new', { csrf_token: 'forged', title: 't', body: 'b', category: '1' })
    expect(forged.statusCode).toBe(403)
  })

  it('renders nested comments as a tree with a reply form under each', async () => {
    const id = await newThread(aliceBrowser, 'Nesting')
    const top = await postComment(bobBrowser, id, 'Top level')
    expect(top.statusCode).toBe(303)
    const topId = Number(/#comment-(\d+)$/.exec(top.headers.location as string)![1])
    const reply = await postComment(aliceBrowser, id, 'A nested reply', topId)
    const replyId = Number(/#comment-(\d+)$/.exec(reply.headers.location as string)![1])
    expect((await loadComment(s.app.kiroku.db, replyId))!.parentId).toBe(topId)
    const page = await bobBrowser.get(`/forum/thread/${id}`)
    // The reply sits inside the top comment's list item, in its children.
    const topItem = new RegExp(`<li class="forum-comment" id="comment-${topId}">[\\s\\S]*<ol class="comment-children">[\\s\\S]*id="comment-${replyId}"`)
    expect(page.body).toMatch(topItem)
    expect(hiddenFields(page.body, `/forum/thread/${id}/comments`)).toBeDefined()
    expect(page.body).toContain(`name="parent" value="${topId}"`)
    expect(page.body).toContain(`name="parent" value="${replyId}"`)
    // Bob is told of the reply, linked to it, under the Forum chip.
    const notes = await bobBrowser.get('/notifications?group=forum')
    expect(notes.body).toContain(`href="/forum/thread/${id}#comment-${replyId}">forum comment</a>`)
    const blank = await postComment(bobBrowser, id, '   ', topId)
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('The comment field is required.')
  })

  it('likes and subscribes by the state the form asks for', async () => {
    const id = await newThread(aliceBrowser, 'Likeable')
    const page = await bobBrowser.get(`/forum/thread/${id}`)
    const token = csrfToken(page.body)
    for (let i = 0; i < 2; i++) expect((await bobBrowser.post(`/forum/thread/${id}/like`, { csrf_token: token, like: '1' })).statusCode).toBe(303)
    expect((await likeCounts(s.app.kiroku.db, 'THREAD', [id])).get(id)).toBe(1)
    await bobBrowser.post(`/forum/thread/${id}/subscribe`, { csrf_token: token, subscribe: '1' })
    expect((await subscribedThreadsAmong(s.app.kiroku.db, bob.id, [id])).has(id)).toBe(true)
    expect(flashOf((await bobBrowser.get(`/forum/thread/${id}`)).body)).toBe('You will be told about new comments.')
    expect((await bobBrowser.post(`/forum/thread/${id}/like`, { csrf_token: token, like: 'maybe' })).statusCode).toBe(400)
  })

  it('gives moderators lock, sticky and delete, and refuses them to others', async () => {
    const id = await newThread(aliceBrowser, 'To moderate')
    const aliceView = await aliceBrowser.get(`/forum/thread/${id}`)
    expect(aliceView.body).not.toContain(`/forum/thread/${id}/moderate`)
    expect((await aliceBrowser.post(`/forum/thread/${id}/moderate`, { csrf_token: csrfToken(aliceView.body), locked: '1' })).statusCode).toBe(403)
    const modView = await modBrowser.get(`/forum/thread/${id}`)
    expect(modView.body).toContain(`/forum/thread/${id}/moderate`)
    await modBrowser.post(`/forum/thread/${id}/moderate`, { csrf_token: csrfToken(modView.body), locked: '1' })
    await modBrowser.post(`/forum/thread/${id}/moderate`, { csrf_token: csrfToken(modView.body), sticky: '1' })
    expect(await loadThread(s.app.kiroku.db, id)).toMatchObject({ isLocked: true, isSticky: true })
    const locked = await postComment(bobBrowser, id, 'Too late')
    expect(locked.statusCode).toBe(403)
    expect(locked.body).toContain('This thread is locked.')
    expect((await findThreads(s.app.kiroku.db, { filter: {}, viewerId: null }, { limit: 1, offset: 0 }))[0]!.id).toBe(id)
    const bobView = await bobBrowser.get(`/forum/thread/${id}`)
    expect((await bobBrowser.post(`/forum/thread/${id}/delete`, { csrf_token: csrfToken(bobView.body) })).statusCode).toBe(403)
    const deleted = await modBrowser.post(`/forum/thread/${id}/delete`, { csrf_token: csrfToken(modView.body) })
    expect(deleted.headers.location).toBe('/forum')
    expect(await loadThread(s.app.kiroku.db, id)).toBeNull()
  })

  it('deletes a comment with its replies for its author', async () => {
    const id = await newThread(aliceBrowser, 'Deleting')
    const top = await postComment(bobBrowser, id, 'Going away')
    const topId = Number(/#comment-(\d+)$/.exec(top.headers.location as string)![1])
    await postComment(aliceBrowser, id, 'And its reply', topId)
    const page = await bobBrowser.get(`/forum/thread/${id}`)
    const res = await bobBrowser.post(`/forum/comment/${topId}/delete`, { csrf_token: csrfToken(page.body) })
    expect(res.headers.location).toBe(`/forum/thread/${id}`)
    expect(await findComments(s.app.kiroku.db, { threadId: id, userId: null }, null, { limit: 10, offset: 0 })).toEqual([])
    expect((await loadThread(s.app.kiroku.db, id))!.replyCount).toBe(0)
    expect((await new Browser(s.app).get('/forum/thread/999999')).statusCode).toBe(404)
  })

  it('refuses every forum form without the session’s CSRF token, changing nothing', async () => {
    const id = await newThread(aliceBrowser, 'Guarded')
    const top = await postComment(aliceBrowser, id, 'Guarded comment')
    const topId = Number(/#comment-(\d+)$/.exec(top.headers.location as string)![1])
    const forms: Array<[string, Record<string, string>]> = [
      [`/forum/thread/${id}/comments`, { comment: 'sneaky' }],
      [`/forum/thread/${id}/like`, { like: '1' }],
      [`/forum/thread/${id}/subscribe`, { subscribe: '0' }],
      [`/forum/thread/${id}/moderate`, { locked: '1' }],
      [`/forum/thread/${id}/delete`, {}],
      [`/forum/comment/${topId}/delete`, {}],
    ]
    for (const [path, fields] of forms) expect((await modBrowser.post(path, { ...fields, csrf_token: 'forged' })).statusCode, path).toBe(403)
    expect(await loadThread(s.app.kiroku.db, id)).toMatchObject({ replyCount: 1, isLocked: false })
    expect((await likeCounts(s.app.kiroku.db, 'THREAD', [id])).get(id)).toBe(0)
    expect(await loadComment(s.app.kiroku.db, topId)).not.toBeNull()
  })

  it('answers hostile input with a 4xx, never a 5xx', async () => {
    const id = await newThread(aliceBrowser, 'Hostile')
    const visitor = new Browser(s.app)
    for (const path of ['/forum/thread/abc', '/forum/thread/99999999999999999999', '/forum/recent?category=abc', '/forum/recent?category=1&page=999', '/forum/recent?page=-1', '/forum/recent?category[]=1']) {
      const res = await visitor.get(path)
      expect(res.statusCode, path).toBeGreaterThanOrEqual(200)
      expect(res.statusCode, path).toBeLessThan(500)
    }
    const token = csrfToken((await aliceBrowser.get(`/forum/thread/${id}`)).body)
    const posts: Array<[string, Record<string, string | string[]>]> = [
      [`/forum/thread/${id}/comments`, { comment: ['a', 'b'] }],
      [`/forum/thread/${id}/comments`, { comment: 'x', parent: 'abc' }],
      [`/forum/thread/${id}/comments`, { comment: 'x', parent: '99999999' }],
      [`/forum/thread/${id}/comments`, { comment: 'nul \u0000 here' }],
      [`/forum/thread/${id}/comments`, { comment: 'x'.repeat(20_001) }],
      [`/forum/thread/${id}/like`, { like: '1', comment: '99999999' }],
      [`/forum/thread/${id}/subscribe`, { subscribe: ['1', '0'] }],
      ['/forum/new', { title: 'x'.repeat(500), body: 'b', category: ['1', 'abc', '6'] }],
      ['/forum/new', { title: 't', body: 'b', category: ['1', '2', '3', '4', '5', '7'] }],
      ['/forum/thread/abc/delete', {}],
      ['/forum/comment/abc/delete', {}],
    ]
    for (const [path, fields] of posts) {
      const res = await aliceBrowser.post(path, { ...fields, csrf_token: token })
      expect(res.statusCode, `${path} ${JSON.stringify(fields).slice(0, 80)}`).toBeLessThan(500)
      expect(res.statusCode, path).toBeGreaterThanOrEqual(300)
    }
  })
})

describe('a long thread', () => {
  it('pages its comments 50 a page, and sends a reply or a like back to the page of the comment', async () => {
    // A user of its own: the posting limit counts what the others posted in the tests above.
    const carol = await loggedInBrowser(s.app, await makeUser(s.app, 'carol'))
    const id = await newThread(carol, 'A long one')
    const db = s.app.kiroku.db
    // Straight into the store: posting 51 comments through the form would meet the posting limit.
    const made: number[] = []
    for (let i = 1; i <= ROOT_COMMENTS_SHOWN + 1; i++) {
      made.push((await db.transaction().execute((trx) => createComment(trx, { threadId: id, userId: bob.id, parent: null, comment: `note ${i}`, isLocked: false, createdAt: s.clock() }))).id)
    }
    const shown = (html: string) => [...html.matchAll(/<p>note (\d+)<\/p>/g)].map((m) => Number(m[1]))
    const first = await carol.get(`/forum/thread/${id}`)
    expect(shown(first.body)).toHaveLength(ROOT_COMMENTS_SHOWN)
    expect(first.body).toContain(`href="/forum/thread/${id}?page=2" rel="next"`)
    const second = await carol.get(`/forum/thread/${id}?page=2`)
    expect(shown(second.body)).toEqual([ROOT_COMMENTS_SHOWN + 1])
    expect((await carol.get(`/forum/thread/${id}?page=3`)).statusCode).toBe(404)

    const last = made.at(-1)!
    const replied = await postComment(carol, id, 'an answer on page two', last)
    expect(replied.statusCode).toBe(303)
    expect(replied.headers.location).toMatch(new RegExp(`^/forum/thread/${id}\\?page=2#comment-\\d+$`))
    const liked = await carol.post(`/forum/thread/${id}/like`, { csrf_token: csrfToken(second.body), like: '1', comment: String(last) })
    expect(liked.headers.location).toBe(`/forum/thread/${id}?page=2#comment-${last}`)
    const onFirst = await carol.post(`/forum/thread/${id}/like`, { csrf_token: csrfToken(second.body), like: '1', comment: String(made[0]) })
    expect(onFirst.headers.location).toBe(`/forum/thread/${id}#comment-${made[0]}`)
  })
})
