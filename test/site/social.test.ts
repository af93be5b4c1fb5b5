/**
 * The social pages over app.inject() (issue 14, item 7): the profile's Follow / Unfollow form (CSRF,
 * Post/Redirect/Get with its flash, visitors sent to log in and back, the owner without a button),
 * the follower counts and paged lists, and /notifications: every notification type stored through
 * raiseNotifications rendered in words with its links, the group chips, viewing marks read, the
 * header's unread badge, another user's notifications never shown, and a fixed statement count.
 * Each change is read back from the social store, not from the page alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { listServer } from '../helpers/lists.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { insertUsers } from '../helpers/users.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import type { TestServer } from '../helpers/server.js'
import type { User } from '../../src/accounts/users.js'
import { followCounts, follows, toggleFollow } from '../../src/social/follows.js'
import { countNotifications, listNotifications, raiseNotifications, unreadCounts, type NewNotification } from '../../src/social/notification-store.js'
import { NOTIFICATION_TYPES, type NotificationType } from '../../src/social/notification-types.js'

// Built-in works: Cowboy Bebop (anime) and MONSTER (manga).
const BEBOP = 1
const MONSTER = 30001

let s: TestServer
let alice: User
let bob: User
let carol: User
let aliceBrowser: Browser

beforeAll(async () => {
  s = await listServer()
  alice = await makeUser(s.app, 'alice')
  bob = await makeUser(s.app, 'bob')
  carol = await makeUser(s.app, 'carol')
  aliceBrowser = await loggedInBrowser(s.app, alice)
})
afterAll(async () => s.app.close())

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null
/** The follow form on a profile page: its wanted state, or null when the page has none. */
const followForm = (html: string) => /<form method="post" action="\/user\/[^"]+\/follow" class="follow-form">[\s\S]*?name="follow" value="([01])"/.exec(html)?.[1] ?? null
/** The header's notifications link's accessible name. */
const badgeName = (html: string) => /<a class="notifications-link" href="\/notifications" aria-label="([^"]*)"/.exec(html)?.[1] ?? null
/** The text of each notification on the page, tags removed. */
const notificationTexts = (html: string) =>
  [...html.matchAll(/<p class="notification-text">([\s\S]*?)<\/p>/g)].map((m) => decodeEntities(m[1]!.replace(/<span class="chip new">New<span class="visually-hidden">:<\/span><\/span> /, '').replace(/<[^>]+>/g, '')))

async function activityOf(app: FastifyInstance, userId: number): Promise<number> {
  // The activity store arrives with another part of issue 14: the row is written as it will store it.
  const row = await app.kiroku.db.insertInto('activities').values({ type: 'TEXT', user_id: userId, text: 'Hello', created_at: app.kiroku.clock() }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

describe('the follow button', () => {
  it('is a login link for a visitor, and a POST from a visitor is sent to log in and back', async () => {
    const visitor = new Browser(s.app)
    const page = await visitor.get('/user/bob')
    expect(page.statusCode).toBe(200)
    expect(followForm(page.body)).toBeNull()
    expect(page.body).toContain(`<a class="button small" href="/login?next=${encodeURIComponent('/user/bob')}">Follow`)
    const res = await visitor.post('/user/bob/follow', { follow: '1' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/user/bob')}`)
    // The name as the account spells it; nobody's name is the 404 page.
    expect((await visitor.post('/user/BOB/follow', { follow: '1' })).headers.location).toBe(`/login?next=${encodeURIComponent('/user/bob')}`)
    expect((await visitor.post('/user/nobodyhere/follow', { follow: '1' })).statusCode).toBe(404)
    expect(await follows(s.app.kiroku.db, alice.id, bob.id)).toBe(false)
  })

  it('is hidden on your own profile, which still shows its counts', async () => {
    const page = await aliceBrowser.get('/user/alice')
    expect(followForm(page.body)).toBeNull()
    expect(page.body).not.toContain('>Follow<')
    expect(page.body).toContain('<a href="/user/alice/followers"><strong>0</strong> followers</a>')
  })

  it('refuses a form without the session CSRF token and follows nobody', async () => {
    for (const token of ['', 'nope']) {
      const res = await aliceBrowser.post('/user/bob/follow', { csrf_token: token, follow: '1' })
      expect(res.statusCode).toBe(403)
    }
    expect(await follows(s.app.kiroku.db, alice.id, bob.id)).toBe(false)
  })

  it('follows and unfollows with Post/Redirect/Get, the counts and the notification following', async () => {
    const { db } = s.app.kiroku
    const page = await aliceBrowser.get('/user/bob')
    expect(followForm(page.body)).toBe('1')
    const token = csrfToken(page.body)

    const res = await aliceBrowser.post('/user/bob/follow', { csrf_token: token, follow: '1' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/user/bob')
    expect(await follows(db, alice.id, bob.id)).toBe(true)
    const after = await aliceBrowser.get('/user/bob')
    expect(flashOf(after.body)).toBe('You now follow this user.')
    expect(followForm(after.body)).toBe('0')
    expect(after.body).toContain('>Unfollow<span class="visually-hidden"> bob</span></button>')
    expect(after.body).toContain('<a href="/user/bob/followers"><strong>1</strong> follower</a>')
    // A reload shows the flash no more.
    expect(flashOf((await aliceBrowser.get('/user/bob')).body)).toBeNull()
    expect((await aliceBrowser.get('/user/alice')).body).toContain('<a href="/user/alice/following"><strong>1</strong> following</a>')
    expect(await listNotifications(db, bob.id, ['FOLLOWING'], { limit: 10, offset: 0 })).toMatchObject([{ actorId: alice.id, isRead: false }])

    // The same form again (a second tab) keeps the follow: the form says what it wants, it does not toggle.
    expect((await aliceBrowser.post('/user/bob/follow', { csrf_token: token, follow: '1' })).statusCode).toBe(303)
    expect(await follows(db, alice.id, bob.id)).toBe(true)

    const unfollow = await aliceBrowser.post('/user/bob/follow', { csrf_token: token, follow: '0' })
    expect(unfollow.headers.location).toBe('/user/bob')
    expect(await follows(db, alice.id, bob.id)).toBe(false)
    const back = await aliceBrowser.get('/user/bob')
    expect(flashOf(back.body)).toBe('You no longer follow this user.')
    expect(followForm(back.body)).toBe('1')
    // Following again while the first notification is unread tells bob once (social/follow-user.ts).
    await aliceBrowser.post('/user/bob/follow', { csrf_token: token, follow: '1' })
    expect(await countNotifications(db, bob.id, ['FOLLOWING'])).toBe(1)
    expect((await followCounts(db, [bob.id])).get(bob.id)).toEqual({ followers: 1, following: 0 })
  })

  it('refuses following yourself, an unknown user and a malformed form', async () => {
    const token = csrfToken((await aliceBrowser.get('/user/alice')).body)
    const self = await aliceBrowser.post('/user/alice/follow', { csrf_token: token, follow: '1' })
    expect(self.statusCode).toBe(400)
    expect(self.body).toContain('You cannot follow yourself.')
    expect(await follows(s.app.kiroku.db, alice.id, alice.id)).toBe(false)
    expect((await aliceBrowser.post('/user/nobodyhere/follow', { csrf_token: token, follow: '1' })).statusCode).toBe(404)
    expect((await aliceBrowser.post('/user/..%2f/follow', { csrf_token: token, follow: '1' })).statusCode).toBe(404)
    for (const follow of ['', '2', 'yes']) expect((await aliceBrowser.post('/user/carol/follow', { csrf_token: token, follow })).statusCode, follow).toBe(400)
    expect((await aliceBrowser.post('/user/carol/follow', { csrf_token: token, follow: ['1', '0'] })).statusCode).toBe(400)
    expect((await aliceBrowser.post('/user/carol/follow', { csrf_token: token })).statusCode).toBe(400)
    expect(await follows(s.app.kiroku.db, alice.id, carol.id)).toBe(false)
  })
})

describe('follower lists', () => {
  let star: User
  let fans: number[]
  beforeAll(async () => {
    const { db } = s.app.kiroku
    const clock = s.clock
    star = await makeUser(s.app, 'star')
    fans = await insertUsers(s.app, Array.from({ length: 51 }, (_, i) => `fan${i}`))
    for (const id of fans) {
      await toggleFollow(db, clock, id, star.id)
      clock.advance(60)
    }
    await toggleFollow(db, clock, star.id, fans[0]!)
  })

  const names = (html: string) => [...html.matchAll(/<span class="person-name">([^<]*)<\/span>/g)].map((m) => m[1])

  it('lists 50 followers a page, the latest follow first, with avatars and links', async () => {
    const visitor = new Browser(s.app)
    const first = await visitor.get('/user/STAR/followers')
    expect(first.statusCode).toBe(200)
    expect(names(first.body)).toEqual(Array.from({ length: 50 }, (_, i) => `fan${50 - i}`))
    expect(first.body).toContain('<a href="/user/fan50">')
    expect(first.body).toContain('src="/static/default-avatar-medium.png"')
    expect(first.body).toContain('Followers <span class="tab-count">51</span>')
    expect(first.body).toContain('Following <span class="tab-count">1</span>')
    expect(first.body).toContain('Page 1 of 2')
    expect(first.body).toContain('<a href="/user/star/followers?page=2" rel="next">Next page</a>')
    const second = await visitor.get('/user/star/followers?page=2')
    expect(names(second.body)).toEqual(['fan0'])
    expect(second.body).toContain('<a href="/user/star/followers" rel="prev">Previous page</a>')
    expect((await visitor.get('/user/star/followers?page=3')).statusCode).toBe(404)
    const following = await visitor.get('/user/star/following')
    expect(names(following.body)).toEqual(['fan0'])
    expect(following.body).not.toContain('class="pager"')
  })

  it('links the profile counts to the lists', async () => {
    const page = await new Browser(s.app).get('/user/star')
    expect(page.body).toContain('<a href="/user/star/followers"><strong>51</strong> followers</a>')
    expect(page.body).toContain('<a href="/user/star/following"><strong>1</strong> following</a>')
  })

  it('says so when a list is empty, and answers 404 or 400 for unknown users and bad pages', async () => {
    const visitor = new Browser(s.app)
    expect((await visitor.get('/user/carol/following')).body).toContain('carol follows nobody yet.')
    expect((await visitor.get('/user/nobodyhere/followers')).statusCode).toBe(404)
    for (const query of ['page=0', 'page=x', 'page=1&page=2']) expect((await visitor.get(`/user/star/followers?${query}`)).statusCode, query).toBe(400)
  })
})

describe('notifications', () => {
  let reader: User
  let reader2: User
  let readerBrowser: Browser
  let activityId: number

  beforeAll(async () => {
    const { db } = s.app.kiroku
    const clock = s.clock
    reader = await makeUser(s.app, 'reader')
    reader2 = await makeUser(s.app, 'snoop')
    readerBrowser = await loggedInBrowser(s.app, reader)
    activityId = await activityOf(s.app, reader.id)
    const by = (type: NotificationType, extra: Partial<NewNotification> = {}): NewNotification => ({ userId: reader.id, type, actorId: carol.id, ...extra })
    // Oldest first: the page shows them newest first.
    const notes: NewNotification[] = [
      by('FOLLOWING'),
      by('ACTIVITY_MESSAGE', { activityId }),
      by('ACTIVITY_REPLY', { activityId }),
      by('ACTIVITY_MENTION', { activityId }),
      by('ACTIVITY_LIKE', { activityId }),
      by('ACTIVITY_REPLY_LIKE', { activityId }),
      by('ACTIVITY_REPLY_SUBSCRIBED', { activityId }),
      by('THREAD_COMMENT_MENTION'),
      by('THREAD_SUBSCRIBED'),
      by('THREAD_COMMENT_REPLY'),
      by('THREAD_LIKE'),
      by('THREAD_COMMENT_LIKE'),
      { userId: reader.id, type: 'AIRING', mediaId: BEBOP, episode: 5 },
      { userId: reader.id, type: 'RELATED_MEDIA_ADDITION', mediaId: MONSTER },
      { userId: reader.id, type: 'MEDIA_DATA_CHANGE', mediaId: BEBOP, context: 'The episode count changed.', reason: 'Corrected from the broadcaster.' },
      { userId: reader.id, type: 'MEDIA_MERGE', mediaId: BEBOP, deletedTitles: ['Cowboy Bebop (duplicate)'], reason: 'Two entries for one work.' },
      { userId: reader.id, type: 'MEDIA_DELETION', deletedTitles: ['A Removed Work'], reason: 'Not a real work.' },
    ]
    for (const note of notes) {
      expect(await raiseNotifications(db, clock, [note])).toBe(1)
      clock.advance(3_600)
    }
    // Another user's notification, which reader must never see.
    await raiseNotifications(db, clock, [{ userId: reader2.id, type: 'FOLLOWING', actorId: bob.id }])
  })

  it('sends a visitor to log in and back', async () => {
    const res = await new Browser(s.app).get('/notifications?group=follows')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/notifications?group=follows')}`)
  })

  it('shows the unread count in the header of every page', async () => {
    for (const path of ['/', '/user/bob', '/search/anime', `/anime/${BEBOP}`, '/settings/account']) {
      const page = await readerBrowser.get(path)
      expect(page.statusCode, path).toBe(200)
      expect(badgeName(page.body), path).toBe(`Notifications, ${NOTIFICATION_TYPES.length} unread`)
      expect(page.body, path).toContain(`<span class="unread-badge" aria-hidden="true">${NOTIFICATION_TYPES.length}</span>`)
    }
    // A visitor's header has no notifications link.
    expect(badgeName((await new Browser(s.app).get('/')).body)).toBeNull()
  })

  it('renders every type in words with its links, newest first, and marks them read', async () => {
    const page = await readerBrowser.get('/notifications')
    expect(page.statusCode).toBe(200)
    const texts = notificationTexts(page.body)
    expect(texts).toEqual([
      'A Removed Work was deleted from the catalog.',
      'Cowboy Bebop (duplicate) was merged into Cowboy Bebop.',
      'Cowboy Bebop received catalog data changes.',
      'MONSTER, related to a work on your list, was added to the catalog.',
      'Episode 5 of Cowboy Bebop aired.',
      'carol liked your forum comment.',
      'carol liked your forum thread.',
      'carol replied to your forum comment.',
      'carol commented in a forum thread you subscribe to.',
      'carol mentioned you in a forum comment.',
      'carol replied to an activity you subscribe to.',
      'carol liked your reply to an activity.',
      'carol liked your activity.',
      'carol mentioned you in an activity.',
      'carol replied to your activity.',
      'carol sent you a message.',
      'carol started following you.',
    ])
    expect(texts).toHaveLength(NOTIFICATION_TYPES.length)
    // Every one was unread when the page was made.
    expect(page.body.match(/<li class="notification unread">/g)).toHaveLength(NOTIFICATION_TYPES.length)
    expect(page.body).toContain('<a href="/user/carol">carol</a> started following you.')
    expect(page.body).toContain(`<a href="/user/carol">carol</a> sent you a <a href="/activity/${activityId}">message</a>.`)
    expect(page.body).toContain(`<a href="/user/carol">carol</a> replied to your <a href="/activity/${activityId}">activity</a>.`)
    expect(page.body).toContain(`Episode 5 of <a href="/anime/${BEBOP}">Cowboy Bebop</a> aired.`)
    expect(page.body).toContain(`<a href="/manga/${MONSTER}">MONSTER</a>, related to a work on your list`)
    expect(page.body).toContain('<p class="notification-detail">The episode count changed.</p>')
    expect(page.body).toContain('<p class="notification-detail">Reason: Corrected from the broadcaster.</p>')
    expect(page.body).toContain('<time datetime="')
    expect(page.body).toContain('>1 hour ago<')
    expect(page.body).toContain('>17 hours ago<')
    // The page's own header already counts them read.
    expect(badgeName(page.body)).toBe('Notifications')
    expect(page.body).not.toContain('unread-badge')
    expect((await unreadCounts(s.app.kiroku.db, [reader.id])).get(reader.id)).toBe(0)
    const again = await readerBrowser.get('/notifications')
    expect(again.body).not.toContain('class="notification unread"')
    expect(badgeName((await readerBrowser.get('/')).body)).toBe('Notifications')
  })

  it('filters by group with chips, and refuses an unknown group', async () => {
    const group = async (id: string) => notificationTexts((await readerBrowser.get(`/notifications?group=${id}`)).body)
    expect(await group('follows')).toEqual(['carol started following you.'])
    expect(await group('airing')).toEqual(['Episode 5 of Cowboy Bebop aired.'])
    expect(await group('activity')).toHaveLength(6)
    expect(await group('media')).toHaveLength(4)
    const page = await readerBrowser.get('/notifications?group=media')
    expect(page.body).toContain('<a class="chip" href="/notifications?group=media" aria-current="page">Media</a>')
    expect(page.body).toContain('<a class="chip" href="/notifications">All</a>')
    for (const bad of ['nope', 'ALL', 'follows&group=media']) expect((await readerBrowser.get(`/notifications?group=${bad}`)).statusCode, bad).toBe(400)
  })

  it("never shows another user's notifications, nor marks them read", async () => {
    const page = await readerBrowser.get('/notifications?group=follows')
    expect(page.body).not.toContain('<a href="/user/bob">bob</a>')
    expect((await unreadCounts(s.app.kiroku.db, [reader2.id])).get(reader2.id)).toBe(1)
    const theirs = await (await loggedInBrowser(s.app, reader2)).get('/notifications')
    expect(notificationTexts(theirs.body)).toEqual(['bob started following you.'])
    expect(theirs.body).not.toContain('carol')
  })

  it('runs the same few statements for 5 notifications and for 50', async () => {
    const { db, clock } = s.app.kiroku
    const kinds = (userId: number, actors: number[], n: number): NewNotification[] =>
      Array.from({ length: n }, (_, i) => {
        const type = (['FOLLOWING', 'ACTIVITY_LIKE', 'AIRING', 'MEDIA_DATA_CHANGE', 'MEDIA_DELETION'] as const)[i % 5]!
        const actorId = actors[i % actors.length]!
        if (type === 'FOLLOWING') return { userId, type, actorId }
        if (type === 'ACTIVITY_LIKE') return { userId, type, actorId, activityId }
        if (type === 'AIRING') return { userId, type, mediaId: i % 2 ? BEBOP : MONSTER, episode: i }
        if (type === 'MEDIA_DATA_CHANGE') return { userId, type, mediaId: BEBOP, reason: `Change ${i}` }
        return { userId, type, deletedTitles: [`Gone ${i}`] }
      })
    const actors = await insertUsers(s.app, Array.from({ length: 20 }, (_, i) => `actor${i}`))
    const few = await makeUser(s.app, 'few')
    const many = await makeUser(s.app, 'many')
    await raiseNotifications(db, clock, kinds(few.id, actors.slice(0, 2), 5))
    await raiseNotifications(db, clock, kinds(many.id, actors, 50))
    const statements = async (user: User) => {
      const browser = await loggedInBrowser(s.app, user)
      // The first page after login also reads the account into the user cache: not the page's cost.
      await browser.get('/search/anime')
      const counter = new StatementCounter()
      s.app.kiroku.db = db.withPlugin(counter)
      try {
        const res = await browser.get('/notifications')
        expect(res.statusCode).toBe(200)
        return { count: counter.count, items: notificationTexts(res.body).length }
      } finally {
        s.app.kiroku.db = db
      }
    }
    const small = await statements(few)
    const large = await statements(many)
    expect(small.items).toBe(5)
    expect(large.items).toBe(50)
    expect(large.count).toBe(small.count)
    // The session, the count, the page, its users, their profiles, its works, and marking them read.
    expect(large.count).toBeLessThanOrEqual(7)
  })
})
