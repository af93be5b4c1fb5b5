/**
 * The social pages, part two, over app.inject() (issue 14, item 7): /activity/ID (a private message
 * 404 for anyone but its two users, Like / Unlike and replies with CSRF and Post/Redirect/Get, the
 * refusals shown beside the reply form, deleting with a confirmation step and only by the author),
 * the home feed (Following / Global, the status form, a fixed statement count), the profile's
 * Activity tab and its Send message form (restrictMessagesToFollowing honoured), and hostile ids and
 * text answered without a 5xx. Each change is read back from the social store, not from the page alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listServer } from '../helpers/lists.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { insertUsers } from '../helpers/users.js'
import type { TestServer } from '../helpers/server.js'
import type { User } from '../../src/accounts/users.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { createActivity, findActivities, loadActivity, setPinned } from '../../src/social/activity-store.js'
import { saveMessageActivity, saveTextActivity, MAX_POST_LENGTH, type SocialDeps } from '../../src/social/activity-actions.js'
import { createReply, replyCounts, repliesOfActivities } from '../../src/social/reply-store.js'
import { REPLIES_PER_PAGE } from '../../src/site/social/activity-routes.js'
import { likeCounts, likedAmong } from '../../src/social/likes.js'
import { toggleFollow } from '../../src/social/follows.js'
import { listNotifications } from '../../src/social/notification-store.js'
import { NO_POSTING_LIMIT } from '../../src/social/posting-limit.js'

// Built-in works: Cowboy Bebop (anime).
const BEBOP = 1

let s: TestServer
let alice: User
let bob: User
let carol: User
let aliceBrowser: Browser
let bobBrowser: Browser
let carolBrowser: Browser
let deps: SocialDeps

beforeAll(async () => {
  s = await listServer()
  alice = await makeUser(s.app, 'alice')
  bob = await makeUser(s.app, 'bob')
  carol = await makeUser(s.app, 'carol')
  aliceBrowser = await loggedInBrowser(s.app, alice)
  bobBrowser = await loggedInBrowser(s.app, bob)
  carolBrowser = await loggedInBrowser(s.app, carol)
  deps = { db: s.app.kiroku.db, clock: s.app.kiroku.clock, postingLimit: NO_POSTING_LIMIT }
})
afterAll(async () => s.app.close())

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null
/** The sentence of each activity card on a page, tags removed. */
const headsOf = (html: string) => [...html.matchAll(/<p class="activity-head" id="activity-(\d+)-head">([\s\S]*?)<\/p>/g)].map((m) => ({ id: Number(m[1]), text: decodeEntities(m[2]!.replace(/<[^>]+>/g, '')) }))
const likeFormValue = (html: string) => /<form method="post" action="\/activity\/\d+\/like" class="like-form">[\s\S]*?name="like" value="([01])"/.exec(html)?.[1] ?? null
const fieldError = (html: string) => /<p class="field-error" id="reply-text-error">([^<]*)<\/p>/.exec(html)?.[1] ?? null
const listActivity = (userId: number, progress: string | null = '4') =>
  createActivity(s.app.kiroku.db, { type: 'ANIME_LIST', userId, mediaId: BEBOP, status: progress ? 'watched episode' : 'completed', progress, createdAt: s.app.kiroku.clock() })

describe('/activity/ID', () => {
  it('shows a list activity in words, a text activity rendered, with counts; unknown and hostile ids are the 404 page', async () => {
    const list = await listActivity(bob.id)
    const page = await new Browser(s.app).get(`/activity/${list.id}`)
    expect(page.statusCode).toBe(200)
    expect(headsOf(page.body)).toEqual([{ id: list.id, text: 'bob watched episode 4 of Cowboy Bebop' }])
    expect(page.body).toContain('<a href="/anime/1">Cowboy Bebop</a>')
    // A visitor gets no form, only a way to log in that comes back here.
    expect(likeFormValue(page.body)).toBeNull()
    expect(page.body).toContain(`href="/login?next=${encodeURIComponent(`/activity/${list.id}`)}"`)

    const text = await saveTextActivity(deps, bob.id, { text: 'Hello **world** <script>alert(1)</script>' })
    const shown = await new Browser(s.app).get(`/activity/${text.id}`)
    expect(shown.body).toContain('<strong>world</strong>')
    expect(shown.body).not.toContain('<script>alert(1)')
    for (const id of ['0', '-1', '01', 'abc', '99999999999', '2147483648', '1e3', '%00', String(text.id + 1000)]) {
      const res = await aliceBrowser.get(`/activity/${id}`)
      expect(res.statusCode, id).toBe(404)
    }
  })

  it('shows a private message to its two users only: a 404 for a third user and a visitor', async () => {
    const message = await saveMessageActivity(deps, alice.id, { recipientId: bob.id, message: 'Just between us', private: true })
    expect((await aliceBrowser.get(`/activity/${message.id}`)).statusCode).toBe(200)
    const forBob = await bobBrowser.get(`/activity/${message.id}`)
    expect(forBob.statusCode).toBe(200)
    expect(headsOf(forBob.body)[0]!.text).toBe('alice →to bob Private')
    expect((await carolBrowser.get(`/activity/${message.id}`)).statusCode).toBe(404)
    expect((await new Browser(s.app).get(`/activity/${message.id}`)).statusCode).toBe(404)
    // Nor can the third user like, reply to or delete it.
    const token = csrfToken((await carolBrowser.get('/')).body)
    expect((await carolBrowser.post(`/activity/${message.id}/like`, { csrf_token: token, like: '1' })).statusCode).toBe(404)
    expect((await carolBrowser.post(`/activity/${message.id}/replies`, { csrf_token: token, text: 'Hi' })).statusCode).toBe(404)
    expect((await carolBrowser.post(`/activity/${message.id}/delete`, { csrf_token: token })).statusCode).toBe(404)
    expect(await likeCounts(s.app.kiroku.db, 'ACTIVITY', [message.id])).toEqual(new Map([[message.id, 0]]))
    expect((await replyCounts(s.app.kiroku.db, [message.id])).get(message.id)).toBe(0)
    expect(await loadActivity(s.app.kiroku.db, message.id)).not.toBeNull()
  })

  it('likes and unlikes with Post/Redirect/Get, the form saying which state it wants; the author is told', async () => {
    const { db } = s.app.kiroku
    const activity = await listActivity(bob.id)
    const path = `/activity/${activity.id}`
    const page = await aliceBrowser.get(path)
    expect(likeFormValue(page.body)).toBe('1')
    const token = csrfToken(page.body)
    for (const bad of ['', 'nope']) expect((await aliceBrowser.post(`${path}/like`, { csrf_token: bad, like: '1' })).statusCode).toBe(403)
    expect((await likedAmong(db, alice.id, 'ACTIVITY', [activity.id])).size).toBe(0)

    const res = await aliceBrowser.post(`${path}/like`, { csrf_token: token, like: '1' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(path)
    expect((await likedAmong(db, alice.id, 'ACTIVITY', [activity.id])).has(activity.id)).toBe(true)
    // The same form again keeps the like.
    await aliceBrowser.post(`${path}/like`, { csrf_token: token, like: '1' })
    expect((await likeCounts(db, 'ACTIVITY', [activity.id])).get(activity.id)).toBe(1)
    const after = await aliceBrowser.get(path)
    expect(likeFormValue(after.body)).toBe('0')
    expect(after.body).toContain('<span class="like-count">1</span> like</span>')
    expect(await listNotifications(db, bob.id, ['ACTIVITY_LIKE'], { limit: 10, offset: 0 })).toMatchObject([{ actorId: alice.id, activityId: activity.id }])

    await aliceBrowser.post(`${path}/like`, { csrf_token: token, like: '0' })
    expect((await likeCounts(db, 'ACTIVITY', [activity.id])).get(activity.id)).toBe(0)
    for (const like of ['', '2', 'yes']) expect((await aliceBrowser.post(`${path}/like`, { csrf_token: token, like })).statusCode).toBe(400)
    expect((await aliceBrowser.post(`${path}/like`, { csrf_token: token, like: ['1', '0'] })).statusCode).toBe(400)

    // The script's request is answered with the counts.
    const cookie = [...aliceBrowser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const json = await s.app.inject({ method: 'POST', url: `${path}/like`, payload: `csrf_token=${encodeURIComponent(token)}&like=1`, headers: { cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' } })
    expect(json.statusCode).toBe(200)
    expect(json.json()).toEqual({ liked: true, likes: 1 })
  })

  it('replies with Post/Redirect/Get, the reply rendered and liked; refusals shown beside the form with the text kept', async () => {
    const { db } = s.app.kiroku
    const activity = await saveTextActivity(deps, bob.id, { text: 'What are you watching?' })
    const path = `/activity/${activity.id}`
    const token = csrfToken((await aliceBrowser.get(path)).body)
    expect((await aliceBrowser.post(`${path}/replies`, { text: 'No token' })).statusCode).toBe(403)
    expect((await replyCounts(db, [activity.id])).get(activity.id)).toBe(0)

    const res = await aliceBrowser.post(`${path}/replies`, { csrf_token: token, text: 'Bebop, *again*' })
    expect(res.statusCode).toBe(303)
    const [made] = (await repliesOfActivities(db, [activity.id])).get(activity.id)!
    expect(made).toMatchObject({ userId: alice.id, text: 'Bebop, *again*' })
    expect(res.headers.location).toBe(`${path}#reply-${made!.id}`)
    const page = await aliceBrowser.get(path)
    expect(flashOf(page.body)).toBe('Reply posted.')
    expect(page.body).toContain('<em>again</em>')
    expect(page.body).toContain(`id="reply-${made!.id}"`)
    expect(await listNotifications(db, bob.id, ['ACTIVITY_REPLY'], { limit: 10, offset: 0 })).toMatchObject([{ actorId: alice.id, activityId: activity.id }])

    // Liking the reply; a reply of another activity is not found here.
    const liked = await bobBrowser.post(`${path}/like`, { csrf_token: csrfToken((await bobBrowser.get(path)).body), like: '1', reply: String(made!.id) })
    expect(liked.headers.location).toBe(`${path}#reply-${made!.id}`)
    expect((await likeCounts(db, 'ACTIVITY_REPLY', [made!.id])).get(made!.id)).toBe(1)
    const other = await saveTextActivity(deps, carol.id, { text: 'Elsewhere' })
    expect((await aliceBrowser.post(`/activity/${other.id}/like`, { csrf_token: token, like: '1', reply: String(made!.id) })).statusCode).toBe(404)
    expect((await aliceBrowser.post(`${path}/like`, { csrf_token: token, like: '1', reply: 'x' })).statusCode).toBe(404)

    // Blank and too long: the page again, the message beside the form, the text kept, nothing stored.
    const blank = await aliceBrowser.post(`${path}/replies`, { csrf_token: token, text: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(fieldError(blank.body)).toBe('The text field is required.')
    const long = 'x'.repeat(MAX_POST_LENGTH + 1)
    const tooLong = await aliceBrowser.post(`${path}/replies`, { csrf_token: token, text: long })
    expect(tooLong.statusCode).toBe(400)
    expect(fieldError(tooLong.body)).toBe(`The text may not be greater than ${MAX_POST_LENGTH} characters.`)
    expect(tooLong.body).toContain(`>${long}</textarea>`)
    expect((await aliceBrowser.post(`${path}/replies`, { csrf_token: token, text: ['a', 'b'] })).statusCode).toBe(400)
    expect((await replyCounts(db, [activity.id])).get(activity.id)).toBe(1)

    // A locked activity takes no reply.
    const locked = await saveTextActivity(deps, bob.id, { text: 'Locked', locked: true })
    const refused = await aliceBrowser.post(`/activity/${locked.id}/replies`, { csrf_token: token, text: 'Let me in' })
    expect(refused.statusCode).toBe(403)
    expect(fieldError(refused.body)).toBe('This activity is locked.')
    expect((await replyCounts(db, [locked.id])).get(locked.id)).toBe(0)
  })

  it('answers the script\'s reply with the reply\'s list item and the count, and its refusal with the words', async () => {
    const activity = await saveTextActivity(deps, bob.id, { text: 'Script thread' })
    const path = `/activity/${activity.id}`
    const token = csrfToken((await aliceBrowser.get(path)).body)
    const cookie = [...aliceBrowser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const send = (text: string, headers: Record<string, string> = { cookie }) =>
      s.app.inject({ method: 'POST', url: `${path}/replies`, payload: new URLSearchParams({ csrf_token: token, text }).toString(), headers: { ...headers, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' } })
    const res = await send('Via *fetch*')
    expect(res.statusCode).toBe(200)
    const answer = res.json() as { id: number; replies: number; html: string }
    const [made] = (await repliesOfActivities(s.app.kiroku.db, [activity.id])).get(activity.id)!
    expect(answer.id).toBe(made!.id)
    expect(answer.replies).toBe(1)
    expect(answer.html).toContain(`<li class="reply" id="reply-${made!.id}">`)
    expect(answer.html).toContain('<em>fetch</em>')
    expect(answer.html).toContain(`name="reply" value="${made!.id}"`)
    // The page the script updated is the page a reload shows.
    expect((await aliceBrowser.get(path)).body).toContain(answer.html.trim())
    const blank = await send('  ')
    expect(blank.statusCode).toBe(400)
    expect(blank.json()).toEqual({ error: 'The text field is required.' })
    expect((await send('x', {})).statusCode).toBe(401)
    expect((await replyCounts(s.app.kiroku.db, [activity.id])).get(activity.id)).toBe(1)
  })

  it('refuses a reply over the posting limit beside the form', async () => {
    // The limit counts each user's posts in a minute of the server's clock, which the test holds still.
    const { db } = s.app.kiroku
    const poster = await makeUser(s.app, 'poster')
    const browser = await loggedInBrowser(s.app, poster)
    const activity = await saveTextActivity(deps, bob.id, { text: 'Thread' })
    const path = `/activity/${activity.id}`
    const token = csrfToken((await browser.get(path)).body)
    const limit = s.config.postingLimitPerMinute
    expect(limit).toBeGreaterThan(0)
    const statuses: number[] = []
    for (let i = 0; i < limit; i++) statuses.push((await browser.post(`${path}/replies`, { csrf_token: token, text: `Reply ${i}` })).statusCode)
    expect(statuses.every((status) => status === 303)).toBe(true)
    const last = await browser.post(`${path}/replies`, { csrf_token: token, text: 'One too many' })
    expect(last.statusCode).toBe(429)
    expect(fieldError(last.body)).toBe('You are posting too fast. Wait a minute, then send it again.')
    expect(last.body).toContain('>One too many</textarea>')
    expect((await replyCounts(db, [activity.id])).get(activity.id)).toBe(limit)
    s.clock.advance(60)
    expect((await browser.post(`${path}/replies`, { csrf_token: token, text: 'A minute later' })).statusCode).toBe(303)
  })

  it('deletes with a confirmation step, for the author only', async () => {
    const { db } = s.app.kiroku
    const activity = await saveTextActivity(deps, bob.id, { text: 'Soon gone' })
    const path = `/activity/${activity.id}`
    const theirs = await aliceBrowser.get(path)
    expect(theirs.body).not.toContain(`href="${path}/delete"`)
    expect((await aliceBrowser.get(`${path}/delete`)).statusCode).toBe(403)
    const token = csrfToken(theirs.body)
    const refused = await aliceBrowser.post(`${path}/delete`, { csrf_token: token })
    expect(refused.statusCode).toBe(403)
    expect(refused.body).toContain('Only its author can delete this activity.')
    expect(await loadActivity(db, activity.id)).not.toBeNull()

    const own = await bobBrowser.get(path)
    expect(own.body).toContain(`href="${path}/delete"`)
    const confirm = await bobBrowser.get(`${path}/delete`)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain(`<form method="post" action="${path}/delete"`)
    expect((await bobBrowser.post(`${path}/delete`, { csrf_token: 'nope' })).statusCode).toBe(403)
    expect(await loadActivity(db, activity.id)).not.toBeNull()
    const res = await bobBrowser.post(`${path}/delete`, { csrf_token: csrfToken(confirm.body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/user/bob/activity')
    expect(await loadActivity(db, activity.id)).toBeNull()
    expect(flashOf((await bobBrowser.get('/user/bob/activity')).body)).toBe('The activity was deleted.')
    expect((await bobBrowser.get(path)).statusCode).toBe(404)
  })

  it('sends a visitor\'s forms to log in and back to the activity', async () => {
    const activity = await listActivity(bob.id)
    const visitor = new Browser(s.app)
    for (const action of ['like', 'replies', 'delete']) {
      const res = await visitor.post(`/activity/${activity.id}/${action}`, { like: '1', text: 'x' })
      expect(res.statusCode, action).toBe(303)
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/activity/${activity.id}`)}`)
    }
    expect((await visitor.post('/activity', { text: 'x' })).headers.location).toBe(`/login?next=${encodeURIComponent('/')}`)
  })
})

describe('the home feed', () => {
  let dana: User
  let danaBrowser: Browser
  beforeAll(async () => {
    dana = await makeUser(s.app, 'dana')
    danaBrowser = await loggedInBrowser(s.app, dana)
  })

  it('posts a status from the form at its top, with Post/Redirect/Get', async () => {
    const home = await danaBrowser.get('/')
    expect(home.body).toContain('<form method="post" action="/activity" class="post-form status-form">')
    const token = csrfToken(home.body)
    expect((await danaBrowser.post('/activity', { text: 'No token' })).statusCode).toBe(403)
    const res = await danaBrowser.post('/activity', { csrf_token: token, text: 'My *first* status' })
    expect(res.statusCode).toBe(303)
    const [made] = await findActivities(s.app.kiroku.db, { filter: { userId: dana.id }, viewerId: dana.id, sort: ['ID_DESC'] }, { limit: 1, offset: 0 })
    expect(made).toMatchObject({ type: 'TEXT', text: 'My *first* status' })
    expect(res.headers.location).toBe(`/?feed=following#activity-${made!.id}`)
    const after = await danaBrowser.get('/?feed=following')
    expect(flashOf(after.body)).toBe('Posted.')
    expect(after.body).toContain('<em>first</em>')
    expect((await danaBrowser.post('/activity', { csrf_token: token, text: '' })).statusCode).toBe(400)
    expect((await danaBrowser.post('/activity', { csrf_token: token, text: 'y'.repeat(MAX_POST_LENGTH + 1) })).statusCode).toBe(400)
  })

  it('switches between the following and the global feed; a visitor sees the global feed', async () => {
    const eve = await makeUser(s.app, 'eve')
    const followed = await listActivity(eve.id, '7')
    const stranger = await saveTextActivity(deps, carol.id, { text: 'A stranger speaks' })
    const following = await danaBrowser.get('/')
    expect(following.body).toContain('<a class="chip" href="/?feed=following" aria-current="page">Following</a>')
    expect(headsOf(following.body).map((h) => h.id)).not.toContain(followed.id)
    await toggleFollow(s.app.kiroku.db, s.app.kiroku.clock, dana.id, eve.id)
    const now = headsOf((await danaBrowser.get('/?feed=following')).body)
    expect(now.find((h) => h.id === followed.id)?.text).toBe('eve watched episode 7 of Cowboy Bebop')
    expect(now.map((h) => h.id)).not.toContain(stranger.id)
    const global = await danaBrowser.get('/?feed=global')
    expect(global.body).toContain('<a class="chip" href="/?feed=global" aria-current="page">Global</a>')
    expect(headsOf(global.body).map((h) => h.id)).toEqual(expect.arrayContaining([followed.id, stranger.id]))
    const visitor = await new Browser(s.app).get('/?feed=following')
    expect(visitor.statusCode).toBe(200)
    expect(visitor.body).not.toContain('action="/activity"')
    expect(visitor.body).not.toContain('href="/?feed=following"')
    expect(headsOf(visitor.body).map((h) => h.id)).toContain(stranger.id)
    // Messages stay on profiles; a private one is nobody else's.
    const message = await saveMessageActivity(deps, alice.id, { recipientId: carol.id, message: 'Private hello', private: true })
    expect(headsOf((await danaBrowser.get('/?feed=global')).body).map((h) => h.id)).not.toContain(message.id)
    for (const feed of ['x', 'FOLLOWING', '1']) expect((await danaBrowser.get(`/?feed=${feed}`)).statusCode, feed).toBe(400)
    expect((await danaBrowser.get('/?feed=global&feed=following')).statusCode).toBe(400)
  })

  it('reads the same number of statements for 2 activities as for 20', async () => {
    const { db } = s.app.kiroku
    const statements = async (viewer: User, feed: string) => {
      const browser = await loggedInBrowser(s.app, viewer)
      await browser.get('/search/anime')
      const counter = new StatementCounter()
      s.app.kiroku.db = db.withPlugin(counter)
      try {
        const res = await browser.get(`/?feed=${feed}`)
        expect(res.statusCode).toBe(200)
        return { count: counter.count, items: headsOf(res.body).length }
      } finally {
        s.app.kiroku.db = db
      }
    }
    const few = await makeUser(s.app, 'fewfeed')
    const many = await makeUser(s.app, 'manyfeed')
    const [quiet] = await insertUsers(s.app, ['quietone'])
    await toggleFollow(db, s.app.kiroku.clock, few.id, quiet!)
    await listActivity(quiet!)
    await saveTextActivity(deps, quiet!, { text: 'Quiet' })
    const posters = await insertUsers(s.app, Array.from({ length: 25 }, (_, i) => `poster${i}`))
    for (const [i, id] of posters.entries()) {
      await toggleFollow(db, s.app.kiroku.clock, many.id, id)
      if (i % 2 === 0) await listActivity(id, String(i + 1))
      else await saveTextActivity(deps, id, { text: `Status **${i}**` })
    }
    const small = await statements(few, 'following')
    const large = await statements(many, 'following')
    expect(small.items).toBe(2)
    expect(large.items).toBe(20)
    expect(large.count).toBe(small.count)
    // The global feed needs no look at whom the viewer follows.
    expect((await statements(few, 'global')).count).toBe((await statements(many, 'global')).count)
    expect((await statements(many, 'global')).count).toBeLessThan(large.count)
  })
})

describe('the Activity tab', () => {
  it('lists the user\'s activities and the messages on their profile, a private one for its users only', async () => {
    const frank = await makeUser(s.app, 'frank')
    const own = await saveTextActivity(deps, frank.id, { text: 'Frank here' })
    const open = await saveMessageActivity(deps, alice.id, { recipientId: frank.id, message: 'Hi Frank' })
    const secret = await saveMessageActivity(deps, alice.id, { recipientId: frank.id, message: 'Psst', private: true })
    const forCarol = await carolBrowser.get('/user/frank/activity')
    expect(forCarol.statusCode).toBe(200)
    expect(forCarol.body).toContain('<a href="/user/frank/activity" aria-current="page">Activity</a>')
    expect(headsOf(forCarol.body).map((h) => h.id)).toEqual([open.id, own.id])
    expect(headsOf((await aliceBrowser.get('/user/frank/activity')).body).map((h) => h.id)).toEqual([secret.id, open.id, own.id])
    expect((await carolBrowser.get('/user/nobodyhere/activity')).statusCode).toBe(404)
    expect((await carolBrowser.get('/user/frank/activity?page=2')).statusCode).toBe(404)
    expect((await carolBrowser.get('/user/frank/activity?page=x')).statusCode).toBe(400)
  })

  it('sends a message from someone else\'s profile, private when asked; no form on your own profile', async () => {
    const { db } = s.app.kiroku
    const gina = await makeUser(s.app, 'gina')
    expect((await (await loggedInBrowser(s.app, gina)).get('/user/gina/activity')).body).not.toContain('action="/user/gina/message"')
    const page = await carolBrowser.get('/user/gina/activity')
    expect(page.body).toContain('action="/user/gina/message"')
    const token = csrfToken(page.body)
    expect((await carolBrowser.post('/user/gina/message', { message: 'No token' })).statusCode).toBe(403)
    const res = await carolBrowser.post('/user/gina/message', { csrf_token: token, message: 'Psst, gina', private: '1' })
    expect(res.statusCode).toBe(303)
    const [made] = await findActivities(db, { filter: { userId: gina.id }, viewerId: gina.id }, { limit: 5, offset: 0 })
    expect(made).toMatchObject({ type: 'MESSAGE', messengerId: carol.id, text: 'Psst, gina', isPrivate: true })
    expect(res.headers.location).toBe(`/user/gina/activity#activity-${made!.id}`)
    expect(flashOf((await carolBrowser.get('/user/gina/activity')).body)).toBe('Message sent.')
    expect(await listNotifications(db, gina.id, ['ACTIVITY_MESSAGE'], { limit: 5, offset: 0 })).toMatchObject([{ actorId: carol.id, activityId: made!.id }])
    expect((await carolBrowser.post('/user/gina/message', { csrf_token: token, message: 'x', private: 'yes' })).statusCode).toBe(400)
    expect((await carolBrowser.post('/user/gina/message', { csrf_token: token, message: '' })).statusCode).toBe(400)
    expect((await carolBrowser.post('/user/nobodyhere/message', { csrf_token: token, message: 'Hi' })).statusCode).toBe(404)
  })

  it('offers no message form, and refuses the message, when the owner takes messages only from users they follow', async () => {
    const { db } = s.app.kiroku
    const hank = await makeUser(s.app, 'hank')
    await updateProfile(db, s.app.kiroku.clock, hank.id, { options: { restrictMessagesToFollowing: true } })
    const page = await carolBrowser.get('/user/hank/activity')
    expect(page.body).not.toContain('action="/user/hank/message"')
    const refused = await carolBrowser.post('/user/hank/message', { csrf_token: csrfToken(page.body), message: 'Hello?' })
    expect(refused.statusCode).toBe(403)
    expect(await findActivities(db, { filter: { userId: hank.id }, viewerId: hank.id }, { limit: 5, offset: 0 })).toEqual([])
    await toggleFollow(db, s.app.kiroku.clock, hank.id, carol.id)
    expect((await carolBrowser.get('/user/hank/activity')).body).toContain('action="/user/hank/message"')
  })
})

describe('statement counts of the activity page and the Activity tab', () => {
  const statementsOf = async (browser: Browser, path: string) => {
    const { db } = s.app.kiroku
    await browser.get('/search/anime')
    const counter = new StatementCounter()
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const res = await browser.get(path)
      expect(res.statusCode).toBe(200)
      return { count: counter.count, body: res.body }
    } finally {
      s.app.kiroku.db = db
    }
  }

  it('reads as many statements for one reply as for thirty', async () => {
    const quiet = await saveTextActivity(deps, bob.id, { text: 'Quiet thread' })
    const busy = await saveTextActivity(deps, bob.id, { text: 'Busy thread' })
    const repliers = await insertUsers(s.app, Array.from({ length: 30 }, (_, i) => `replier${i}`))
    const { saveActivityReply } = await import('../../src/social/activity-actions.js')
    await saveActivityReply(deps, repliers[0]!, { activityId: quiet.id, text: 'Only one' })
    for (const id of repliers) await saveActivityReply(deps, id, { activityId: busy.id, text: `Reply by ${id}` })
    const small = await statementsOf(aliceBrowser, `/activity/${quiet.id}`)
    const large = await statementsOf(aliceBrowser, `/activity/${busy.id}`)
    expect(small.body.match(/<li class="reply" /g)).toHaveLength(1)
    expect(large.body.match(/<li class="reply" /g)).toHaveLength(30)
    expect(large.count).toBe(small.count)
  })

  it('reads as many statements for a profile with one activity as for a full page', async () => {
    const [one, full] = await insertUsers(s.app, ['oneactivity', 'fullactivity'])
    // A list activity: both pages read a work (a page of statuses alone would skip that query).
    await listActivity(one!)
    for (let i = 0; i < 25; i++) {
      if (i % 3 === 0) await saveMessageActivity(deps, alice.id, { recipientId: full!, message: `Message ${i}` })
      else await listActivity(full!, String(i))
    }
    const small = await statementsOf(carolBrowser, '/user/oneactivity/activity')
    const large = await statementsOf(carolBrowser, '/user/fullactivity/activity')
    expect(headsOf(small.body)).toHaveLength(1)
    expect(headsOf(large.body)).toHaveLength(20)
    expect(large.count).toBe(small.count)
  })
})

describe('hostile input', () => {
  it('answers odd ids, repeated fields and odd text without a 5xx', async () => {
    const activity = await saveTextActivity(deps, bob.id, { text: 'Target' })
    const token = csrfToken((await aliceBrowser.get('/')).body)
    const texts = ['\u0000', '\ud800', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '@'.repeat(500), '`'.repeat(1000), '\u202e'.repeat(50)]
    for (const text of texts) {
      const res = await aliceBrowser.post(`/activity/${activity.id}/replies`, { csrf_token: token, text })
      expect(res.statusCode, JSON.stringify(text)).toBeLessThan(500)
      const status = await aliceBrowser.post('/activity', { csrf_token: token, text })
      expect(status.statusCode, JSON.stringify(text)).toBeLessThan(500)
    }
    // A NUL (which PostgreSQL cannot store) is refused beside the form, as GraphQL refuses it.
    const nul = await aliceBrowser.post(`/activity/${activity.id}/replies`, { csrf_token: token, text: 'a\u0000b' })
    expect(nul.statusCode).toBe(400)
    expect(fieldError(nul.body)).toBe('The text must not contain the character U+0000.')
    expect((await aliceBrowser.post('/user/carol/message', { csrf_token: token, message: 'a\u0000b' })).statusCode).toBe(400)
    const page = await aliceBrowser.get(`/activity/${activity.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('<img src=x')
    expect(page.body).not.toContain('href="javascript:')
    for (const path of ['/activity/%2e%2e', '/activity/1%00', '/activity/' + '9'.repeat(400), '/activity/-0/like', '/activity/1.5/replies', '/activity/%E0%A4%A/delete']) {
      const get = await aliceBrowser.get(path)
      expect(get.statusCode, path).toBeLessThan(500)
      const post = await aliceBrowser.post(path, { csrf_token: token, like: '1', text: 'x' })
      expect(post.statusCode, path).toBeLessThan(500)
    }
    for (const field of ['like', 'text', 'reply']) {
      const res = await aliceBrowser.post(`/activity/${activity.id}/${field === 'text' ? 'replies' : 'like'}`, { csrf_token: token, like: '1', [field]: ['1', '2'] })
      expect(res.statusCode, field).toBe(400)
    }
  })
})

describe('an activity with many replies', () => {
  it('pages its replies 50 a page with the reply form on the last page, and sends a reply or a like to the page that shows it', async () => {
    const status = await saveTextActivity(deps, alice.id, { text: 'A busy status' })
    const db = s.app.kiroku.db
    const made: number[] = []
    for (let i = 1; i <= REPLIES_PER_PAGE + 1; i++) made.push((await createReply(db, { activityId: status.id, userId: bob.id, text: `answer ${i}`, createdAt: s.app.kiroku.clock() })).id)
    const shown = (html: string) => [...html.matchAll(/<p>answer (\d+)<\/p>/g)].map((m) => Number(m[1]))
    const first = await carolBrowser.get(`/activity/${status.id}`)
    expect(shown(first.body)).toHaveLength(REPLIES_PER_PAGE)
    expect(first.body).toContain(`${REPLIES_PER_PAGE + 1}</span> <span class="reply-noun">replies`)
    expect(first.body).toContain(`href="/activity/${status.id}?page=2" rel="next"`)
    // The form is where a new reply lands: on the last page; the first links there.
    expect(first.body).not.toContain('class="reply-form')
    expect(first.body).toContain(`href="/activity/${status.id}?page=2#replies">Reply on the last page`)
    const second = await carolBrowser.get(`/activity/${status.id}?page=2`)
    expect(shown(second.body)).toEqual([REPLIES_PER_PAGE + 1])
    expect(second.body).toContain('class="reply-form')
    expect((await carolBrowser.get(`/activity/${status.id}?page=3`)).statusCode).toBe(404)

    const posted = await carolBrowser.post(`/activity/${status.id}/replies`, { csrf_token: csrfToken(second.body), text: 'one more' })
    expect(posted.headers.location).toMatch(new RegExp(`^/activity/${status.id}\\?page=2#reply-\\d+$`))
    const liked = await carolBrowser.post(`/activity/${status.id}/like`, { csrf_token: csrfToken(second.body), like: '1', reply: String(made[0]) })
    expect(liked.headers.location).toBe(`/activity/${status.id}#reply-${made[0]}`)
    const likedLast = await carolBrowser.post(`/activity/${status.id}/like`, { csrf_token: csrfToken(second.body), like: '1', reply: String(made.at(-1)) })
    expect(likedLast.headers.location).toBe(`/activity/${status.id}?page=2#reply-${made.at(-1)}`)
  })
})

describe('the Activity tab', () => {
  it('shows the owner’s pinned activity first, marked Pinned, then the rest newest first', async () => {
    const erin = await makeUser(s.app, 'erin')
    const older = await saveTextActivity(deps, erin.id, { text: 'Older, pinned' })
    const newer = await saveTextActivity(deps, erin.id, { text: 'Newer' })
    const before = await new Browser(s.app).get('/user/erin/activity')
    expect(headsOf(before.body).map((h) => h.id)).toEqual([newer.id, older.id])
    await setPinned(s.app.kiroku.db, older, true, s.app.kiroku.clock())
    const after = await new Browser(s.app).get('/user/erin/activity')
    expect(headsOf(after.body).map((h) => h.id)).toEqual([older.id, newer.id])
    expect(headsOf(after.body)[0]!.text).toContain('Pinned')
    expect(headsOf(after.body)[1]!.text).not.toContain('Pinned')
  })
})

describe('deleting a reply', () => {
  it('gives its author a Delete button that removes it, with a flash; refuses others and forms without the token', async () => {
    const status = await saveTextActivity(deps, alice.id, { text: 'Replies come and go' })
    const page = await bobBrowser.get(`/activity/${status.id}`)
    const posted = await bobBrowser.post(`/activity/${status.id}/replies`, { csrf_token: csrfToken(page.body), text: 'A reply to take back' })
    const replyId = Number(/#reply-(\d+)$/.exec(posted.headers.location as string)![1])
    const asBob = await bobBrowser.get(`/activity/${status.id}`)
    expect(asBob.body).toContain(`action="/activity/reply/${replyId}/delete"`)
    const asCarol = await carolBrowser.get(`/activity/${status.id}`)
    expect(asCarol.body).not.toContain(`action="/activity/reply/${replyId}/delete"`)

    expect((await carolBrowser.post(`/activity/reply/${replyId}/delete`, { csrf_token: csrfToken(asCarol.body) })).statusCode).toBe(403)
    expect((await bobBrowser.post(`/activity/reply/${replyId}/delete`, {})).statusCode).toBe(403)
    expect((await replyCounts(s.app.kiroku.db, [status.id])).get(status.id)).toBe(1)
    const deleted = await bobBrowser.post(`/activity/reply/${replyId}/delete`, { csrf_token: csrfToken(asBob.body) })
    expect(deleted.statusCode).toBe(303)
    expect(deleted.headers.location).toBe(`/activity/${status.id}#replies`)
    expect((await replyCounts(s.app.kiroku.db, [status.id])).get(status.id)).toBe(0)
    expect(flashOf((await bobBrowser.get(`/activity/${status.id}`)).body)).toBe('The reply was deleted.')
    expect((await bobBrowser.post(`/activity/reply/${replyId}/delete`, { csrf_token: csrfToken(asBob.body) })).statusCode).toBe(404)
    expect((await bobBrowser.post('/activity/reply/x/delete', { csrf_token: csrfToken(asBob.body) })).statusCode).toBe(404)
  })
})
