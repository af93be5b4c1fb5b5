#!/usr/bin/env node
// The following feed: Page.activities(isFollowing: true, sort: ID_DESC) as a feed screen asks for it
// (each activity with its user, its work, counts, whether the viewer liked it and is subscribed, the
// page's hasNextPage), for a user who follows 500 of 1,000 users, over 100,000 activities in all,
// against a real Kiroku (the built dist/) on a throw-away SQLite database.
// Usage: npm run bench:feed [-- --users 1000 --following 500 --activities 100000 --requests 400 --no-build]
// Requests go one at a time over HTTP (pages 1 to 4, in turn), so the latency is the query's own.
// CPU per request is this process's CPU time (server and client share it) over the requests.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const USERS = Number(opt('--users', 1000))
const FOLLOWING = Number(opt('--following', 500))
const ACTIVITIES = Number(opt('--activities', 100_000))
const REQUESTS = Number(opt('--requests', 400))
const PER_PAGE = Number(opt('--per-page', 50))
const TARGET_P99_MS = 50

if (!argv.includes('--no-build')) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const { buildServer } = await import(path.join(root, 'dist/app/build-server.js'))
const { loadConfig } = await import(path.join(root, 'dist/app/config.js'))
const { createClient } = await import(path.join(root, 'dist/oauth/clients.js'))
const { upsertMedia } = await import(path.join(root, 'dist/catalog/media-store.js'))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-bench-feed-'))
const config = { ...loadConfig({ database: path.join(dir, 'feed.db'), port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'warn' }
const app = await buildServer(config)
const address = await app.listen({ port: 0, host: '127.0.0.1' })
const db = app.kiroku.db
const now = app.kiroku.clock()

// Deterministic spread of the rows.
const pick = (seed, n) => ((seed * 2654435761) >>> 0) % n
const insert = async (table, rows) => {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto(table).values(rows.slice(i, i + 2000)).execute()
}

let started = Date.now()
const MEDIA = 500
await upsertMedia(db, app.kiroku.clock, Array.from({ length: MEDIA }, (_, i) => ({ id: 1 + i, type: i % 3 ? 'ANIME' : 'MANGA', format: i % 3 ? 'TV' : 'MANGA', title: { romaji: `Feed work ${i + 1}` }, episodes: 12 })))
// Users straight into the table (no usable password: the feed never reads it); user 1 is the viewer.
await insert('users', Array.from({ length: USERS }, (_, i) => ({ name: `feeder${i + 1}`, name_key: `feeder${i + 1}`, email: `feeder${i + 1}@example.test`, password_hash: 'not-a-hash', created_at: now, updated_at: now })))
const ids = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id)
const viewer = ids[0]
// The viewer follows every other user but one in two: half the feed's authors.
const followed = ids.slice(1).filter((_, i) => i % 2 === 0).slice(0, FOLLOWING)
await insert('follows', followed.map((id) => ({ follower_id: viewer, followed_id: id, created_at: now })))
// Activities over the last 100 days, oldest first: 60% list, 30% text, 10% messages.
const row = (values) => ({ messenger_id: null, media_id: null, status: null, progress: null, text: null, is_private: 0, is_locked: 0, pinned_at: null, ...values })
const activities = Array.from({ length: ACTIVITIES }, (_, i) => {
  const user = ids[1 + pick(i, ids.length - 1)]
  const kind = i % 10
  const createdAt = now - (ACTIVITIES - i) * 86
  if (kind < 6) {
    const media = 1 + pick(i + 7, MEDIA)
    return row({ type: media % 3 === 1 ? 'MANGA_LIST' : 'ANIME_LIST', user_id: user, media_id: media, status: 'watched episode', progress: String(1 + (i % 12)), created_at: createdAt })
  }
  if (kind < 9) return row({ type: 'TEXT', user_id: user, text: `Feed post ${i}: **bold**, _italic_ and a [link](https://example.test/${i}).`, created_at: createdAt })
  return row({ type: 'MESSAGE', user_id: user, messenger_id: ids[1 + pick(i + 3, ids.length - 1)], text: `Message ${i}`, is_private: i % 20 === 9 ? 1 : 0, created_at: createdAt })
})
await insert('activities', activities)
// Replies on one activity in ten, likes on one in five (three each).
const replies = []
const likes = []
for (let id = 1; id <= ACTIVITIES; id++) {
  if (id % 10 === 0) replies.push({ activity_id: id, user_id: ids[pick(id, ids.length)], text: `Reply to ${id}`, created_at: now })
  if (id % 5 === 0) for (let k = 0; k < 3; k++) likes.push({ likeable_type: 'ACTIVITY', likeable_id: id, user_id: ids[pick(id * 3 + k, ids.length)], created_at: now })
}
await insert('activity_replies', replies)
// Two picks may name the same user: one like each.
for (let i = 0; i < likes.length; i += 2000) await db.insertInto('likes').values(likes.slice(i, i + 2000)).onConflict((oc) => oc.doNothing()).execute()
await insert('activity_subscriptions', activities.map((a, i) => ({ user_id: a.messenger_id ?? a.user_id, activity_id: i + 1 })))
console.log(`data: ${USERS} users (the viewer follows ${followed.length}), ${ACTIVITIES} activities, ${replies.length} replies, ${likes.length} likes, written in ${((Date.now() - started) / 1000).toFixed(1)} s`)

const { client } = await createClient(db, app.kiroku.clock, { name: 'Feed bench', redirectUris: ['https://app.example/callback'] })
const { accessToken } = await app.kiroku.tokens.issue({ clientId: client.id, userId: viewer, grantType: 'implicit' })

const FEED_QUERY = `query ($page: Int, $perPage: Int) {
  Page(page: $page, perPage: $perPage) {
    pageInfo { hasNextPage }
    activities(isFollowing: true, sort: ID_DESC) {
      ... on ListActivity { id type status progress replyCount likeCount isLiked isSubscribed createdAt siteUrl user { id name avatar { medium } } media { id type title { userPreferred } coverImage { medium } } }
      ... on TextActivity { id type text(asHtml: true) replyCount likeCount isLiked isSubscribed createdAt siteUrl user { id name avatar { medium } } }
      ... on MessageActivity { id type message(asHtml: true) replyCount likeCount isLiked isSubscribed isPrivate createdAt siteUrl messenger { id name avatar { medium } } recipient { id name } }
    }
  }
}`

const followedSet = new Set([...followed, viewer])
// The feed as it must be, newest first: the activities of the followed users and the viewer's, but others' private messages.
const expected = activities
  .map((a, i) => ({ ...a, id: i + 1 }))
  .filter((a) => followedSet.has(a.user_id) && (a.is_private === 0 || a.user_id === viewer || a.messenger_id === viewer))
  .map((a) => a.id)
  .reverse()
async function ask(page) {
  const res = await fetch(`${address}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: FEED_QUERY, variables: { page, perPage: PER_PAGE } }) })
  const body = await res.json()
  if (res.status !== 200 || body.errors) throw new Error(`page ${page}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`)
  const list = body.data.Page.activities
  // The answer is the feed: a full page, newest first, of the viewer's and followed users' activities.
  if (!body.data.Page.pageInfo.hasNextPage) throw new Error(`page ${page}: no next page`)
  const want = expected.slice((page - 1) * PER_PAGE, page * PER_PAGE)
  if (list.map((a) => a.id).join() !== want.join()) throw new Error(`page ${page}: not the expected activities`)
  return list
}

for (let i = 0; i < 30; i++) await ask(1 + (i % 4)) // warm-up: JIT, statement caches
const times = []
const cpuBefore = process.cpuUsage()
started = performance.now()
for (let i = 0; i < REQUESTS; i++) {
  const t = performance.now()
  await ask(1 + (i % 4))
  times.push(performance.now() - t)
}
const wall = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
times.sort((a, b) => a - b)
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
const p99 = at(0.99)
console.log(`feed (isFollowing, ID_DESC, ${PER_PAGE} per page) over ${ACTIVITIES} activities, ${REQUESTS} requests one at a time:`)
console.log(`  p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms`)
console.log(`  CPU per request (server and client in this process) ${Math.round((cpu.user + cpu.system) / REQUESTS)} µs; ${(REQUESTS / (wall / 1000)).toFixed(0)} req/s`)
console.log(`  target: p99 under ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'pass' : 'FAIL'}`)
await app.close()
if (argv.includes('--keep')) console.log(`database kept: ${path.join(dir, 'feed.db')}`)
else fs.rmSync(dir, { recursive: true, force: true })
process.exit(p99 < TARGET_P99_MS ? 0 : 1)
