/**
 * The community pages over app.inject(): a work's Reviews and Recommendations sections, the review
 * page and editor (validation shown beside the fields, PRG with a flash, one review per work, only
 * the author edits or deletes), review votes (not on one's own), recommendation votes and the
 * "Recommend another work" form (by id or title), CSRF on every form and hostile input without a 5xx.
 * Each change is read back from the community store, not from the page alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listServer } from '../helpers/lists.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import type { User } from '../../src/accounts/users.js'
import { loadMediaByIds } from '../../src/catalog/media-store.js'
import { loadReview, reviewOf, voteTotals } from '../../src/community/reviews/review-store.js'
import { findPair, recommendationRatings } from '../../src/community/recommendations/recommendation-store.js'
import { reviewBody, SUMMARY } from '../community/review-helpers.js'

// Built-in works: Cowboy Bebop (anime 1).
const BEBOP = 1

let s: TestServer
let alice: User
let bob: User
let aliceBrowser: Browser
let bobBrowser: Browser
let otherWork: { id: number; title: string }

beforeAll(async () => {
  s = await listServer()
  alice = await makeUser(s.app, 'alice')
  bob = await makeUser(s.app, 'bob')
  aliceBrowser = await loggedInBrowser(s.app, alice)
  bobBrowser = await loggedInBrowser(s.app, bob)
  const row = await s.app.kiroku.db.selectFrom('media').select('id').where('id', '<>', BEBOP).where('type', '=', 'ANIME').orderBy('id').limit(1).executeTakeFirstOrThrow()
  const media = (await loadMediaByIds(s.app.kiroku.db, [row.id])).get(row.id)!
  otherWork = { id: media.id, title: media.title.romaji ?? '' }
})
afterAll(async () => s.app.close())

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null
const fieldError = (html: string, id: string) => new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? null

describe('writing a review', () => {
  it('shows the editor, refuses bad fields beside them, then writes it (PRG) and shows it on the work and its own page', async () => {
    const editor = await aliceBrowser.get(`/review/new?mediaId=${BEBOP}`)
    expect(editor.statusCode).toBe(200)
    const token = csrfToken(editor.body)
    const bad = await aliceBrowser.post('/review/new', { csrf_token: token, mediaId: String(BEBOP), summary: 'short', body: 'tiny', score: 'lots' })
    expect(bad.statusCode).toBe(400)
    expect(fieldError(bad.body, 'f-score')).toContain('whole number')
    const bad2 = await aliceBrowser.post('/review/new', { csrf_token: token, mediaId: String(BEBOP), summary: 'short', body: 'tiny', score: '80' })
    expect(fieldError(bad2.body, 'f-summary')).toContain('at least 20')
    expect(fieldError(bad2.body, 'f-body')).toContain('at least 2200')
    expect(bad2.body).toContain('value="short"')
    expect(await reviewOf(s.app.kiroku.db, alice.id, BEBOP)).toBeNull()

    const body = `${reviewBody('A **bold** start <script>alert(1)</script>')}`
    const made = await aliceBrowser.post('/review/new', { csrf_token: token, mediaId: String(BEBOP), summary: SUMMARY, body, score: '88' })
    expect(made.statusCode).toBe(303)
    const review = (await reviewOf(s.app.kiroku.db, alice.id, BEBOP))!
    expect(review).toMatchObject({ summary: SUMMARY, score: 88, isPrivate: false })
    expect(made.headers.location).toBe(`/review/${review.id}`)
    const page = await aliceBrowser.get(`/review/${review.id}`)
    expect(flashOf(page.body)).toBe('Posted.')
    expect(page.body).toContain('<strong>bold</strong>')
    expect(page.body).not.toContain('<script>alert(1)')
    expect(page.body).toContain(`href="/review/${review.id}/edit"`)
    // The author gets no vote buttons.
    expect(page.body).not.toContain('/vote"')

    const work = await new Browser(s.app).get(`/anime/${BEBOP}`)
    expect(decodeEntities(work.body)).toContain(SUMMARY)
    expect(work.body).toContain(`href="/review/${review.id}"`)
    // A second review of the same work: the editor is the first one's.
    const again = await aliceBrowser.get(`/review/new?mediaId=${BEBOP}`)
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe(`/review/${review.id}/edit`)
    const twice = await aliceBrowser.post('/review/new', { csrf_token: token, mediaId: String(BEBOP), summary: SUMMARY, body, score: '10' })
    expect(twice.statusCode).toBe(400)
    expect(decodeEntities(twice.body)).toContain('already reviewed')
  })

  it('lets only the author edit and delete, and only others vote', async () => {
    const review = (await reviewOf(s.app.kiroku.db, alice.id, BEBOP))!
    const token = csrfToken((await bobBrowser.get('/')).body)
    expect((await bobBrowser.get(`/review/${review.id}/edit`)).statusCode).toBe(403)
    expect((await bobBrowser.post(`/review/${review.id}/edit`, { csrf_token: token, summary: SUMMARY, body: reviewBody(), score: '1' })).statusCode).toBe(403)
    expect((await bobBrowser.post(`/review/${review.id}/delete`, { csrf_token: token })).statusCode).toBe(403)

    const bobsView = await bobBrowser.get(`/review/${review.id}`)
    expect(bobsView.body).toContain(`action="/review/${review.id}/vote"`)
    expect((await bobBrowser.post(`/review/${review.id}/vote`, { csrf_token: 'nope', rating: 'UP_VOTE' })).statusCode).toBe(403)
    const voted = await bobBrowser.post(`/review/${review.id}/vote`, { csrf_token: token, rating: 'UP_VOTE' })
    expect(voted.statusCode).toBe(303)
    expect((await voteTotals(s.app.kiroku.db, [review.id])).get(review.id)).toEqual({ up: 1, all: 1 })
    expect((await bobBrowser.post(`/review/${review.id}/vote`, { csrf_token: token, rating: 'SIDEWAYS' })).statusCode).toBe(400)
    const aliceToken = csrfToken((await aliceBrowser.get('/')).body)
    expect((await aliceBrowser.post(`/review/${review.id}/vote`, { csrf_token: aliceToken, rating: 'UP_VOTE' })).statusCode).toBe(403)

    const edited = await aliceBrowser.post(`/review/${review.id}/edit`, { csrf_token: aliceToken, summary: SUMMARY, body: reviewBody(), score: '91', private: '1' })
    expect(edited.statusCode).toBe(303)
    expect(await loadReview(s.app.kiroku.db, review.id)).toMatchObject({ score: 91, isPrivate: true })
    expect((await new Browser(s.app).get(`/review/${review.id}`)).statusCode).toBe(404)
    expect(flashOf((await aliceBrowser.get(`/review/${review.id}`)).body)).toBe('Saved.')

    expect((await aliceBrowser.get(`/review/${review.id}/delete`)).statusCode).toBe(200)
    const deleted = await aliceBrowser.post(`/review/${review.id}/delete`, { csrf_token: aliceToken })
    expect(deleted.statusCode).toBe(303)
    expect(deleted.headers.location).toBe(`/anime/${BEBOP}`)
    expect(await loadReview(s.app.kiroku.db, review.id)).toBeNull()
    expect(flashOf((await aliceBrowser.get(`/anime/${BEBOP}`)).body)).toBe('Your review was deleted.')
  })

  it('sends visitors to log in, and answers hostile ids without a 5xx', async () => {
    const visitor = await new Browser(s.app).get(`/review/new?mediaId=${BEBOP}`)
    expect(visitor.statusCode).toBe(303)
    expect(visitor.headers.location).toContain('/login')
    for (const id of ['0', '-1', 'abc', '99999999999', '%00']) {
      expect((await aliceBrowser.get(`/review/${id}`)).statusCode, id).toBe(404)
      expect((await aliceBrowser.get(`/review/new?mediaId=${id}`)).statusCode, id).toBe(404)
    }
    const token = csrfToken((await aliceBrowser.get('/')).body)
    const nul = await aliceBrowser.post('/review/new', { csrf_token: token, mediaId: String(BEBOP), summary: SUMMARY, body: `${reviewBody()}\u0000`, score: '5' })
    expect(nul.statusCode).toBe(400)
  })
})

describe('recommendations on a work’s page', () => {
  it('recommends a work by title, votes it up and down and withdraws, both works showing the pair', async () => {
    const page = await aliceBrowser.get(`/anime/${BEBOP}`)
    expect(page.body).toContain('id="recommendations-heading"')
    const token = csrfToken(page.body)
    expect((await aliceBrowser.post('/recommendation', { csrf_token: 'bad', mediaId: String(BEBOP), work: String(otherWork.id), rating: 'RATE_UP' })).statusCode).toBe(403)
    const made = await aliceBrowser.post('/recommendation', { csrf_token: token, mediaId: String(BEBOP), work: otherWork.title, rating: 'RATE_UP' })
    expect(made.statusCode).toBe(303)
    expect(made.headers.location).toBe(`/anime/${BEBOP}#recommendation-${otherWork.id}`)
    const pair = (await findPair(s.app.kiroku.db, BEBOP, otherWork.id))!
    expect((await recommendationRatings(s.app.kiroku.db, [pair.id])).get(pair.id)).toBe(1)
    const shown = await aliceBrowser.get(`/anime/${BEBOP}`)
    expect(shown.body).toContain(`id="recommendation-${otherWork.id}"`)
    const fromOther = await new Browser(s.app).get(`/anime/${otherWork.id}`)
    expect(fromOther.body).toContain(`id="recommendation-${BEBOP}"`)

    const bobToken = csrfToken((await bobBrowser.get('/')).body)
    await bobBrowser.post('/recommendation', { csrf_token: bobToken, mediaId: String(otherWork.id), otherId: String(BEBOP), rating: 'RATE_DOWN' })
    expect((await recommendationRatings(s.app.kiroku.db, [pair.id])).get(pair.id)).toBe(0)
    await aliceBrowser.post('/recommendation', { csrf_token: token, mediaId: String(BEBOP), otherId: String(otherWork.id), rating: 'NO_RATING' })
    expect((await recommendationRatings(s.app.kiroku.db, [pair.id])).get(pair.id)).toBe(-1)
  })

  it('refuses a work recommending itself, unknown works and bad ratings with a page that says why', async () => {
    const token = csrfToken((await aliceBrowser.get('/')).body)
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ mediaId: String(BEBOP), work: String(BEBOP), rating: 'RATE_UP' }, 400, 'cannot recommend itself'],
      [{ mediaId: String(BEBOP), work: 'no such title anywhere zzzz', rating: 'RATE_UP' }, 400, 'No work in the catalog'],
      [{ mediaId: String(BEBOP), work: '', rating: 'RATE_UP' }, 400, 'Name the work'],
      [{ mediaId: String(BEBOP), work: String(otherWork.id), rating: 'MAYBE' }, 400, 'rating'],
      [{ mediaId: '99999999', work: String(otherWork.id), rating: 'RATE_UP' }, 404, ''],
    ]
    for (const [form, status, words] of cases) {
      const res = await aliceBrowser.post('/recommendation', { csrf_token: token, ...form })
      expect(res.statusCode, JSON.stringify(form)).toBe(status)
      expect(decodeEntities(res.body)).toContain(words)
    }
    const visitor = await new Browser(s.app).post('/recommendation', { mediaId: String(BEBOP), work: '2', rating: 'RATE_UP' })
    expect(visitor.statusCode).toBe(303)
  })
  it('escapes a recommended work’s title everywhere it is shown, the vote buttons’ words too', async () => {
    // A title comes from whatever catalog was imported or pulled: it is text, never markup.
    const db = s.app.kiroku.db
    const hostile = '<img src=x onerror=alert(1)>'
    const work = await db.selectFrom('media').select(['id', 'title_romaji']).where('id', 'not in', [BEBOP, otherWork.id]).where('type', '=', 'ANIME').orderBy('id').limit(1).executeTakeFirstOrThrow()
    await db.updateTable('media').set({ title_romaji: hostile, title_english: hostile }).where('id', '=', work.id).execute()
    try {
      const token = csrfToken((await aliceBrowser.get(`/anime/${BEBOP}`)).body)
      await aliceBrowser.post('/recommendation', { csrf_token: token, mediaId: String(BEBOP), work: String(work.id), rating: 'RATE_UP' })
      const page = await aliceBrowser.get(`/anime/${BEBOP}`)
      expect(page.body).toContain(`id="recommendation-${work.id}"`)
      expect(page.body).not.toContain(hostile)
      expect(page.body).toContain('agree that &lt;img src=x onerror=alert(1)&gt; is a good recommendation')
    } finally {
      await db.updateTable('media').set({ title_romaji: work.title_romaji }).where('id', '=', work.id).execute()
    }
  })
})
