#!/usr/bin/env node
// The media-detail query real apps send for an anime page (title, cover, studios, characters with
// their Japanese voice actors, staff, tags, relations, next episode, rankings, stats) over a catalog
// of 8,000 works, against a real Kiroku (the built dist/) on a throw-away SQLite database.
// Usage: npm run bench:media-detail [-- --media 8000 --requests 400]
// Requests go one at a time over HTTP, each for a random work, so the latency is the query's own.
// Server CPU per request is this process's CPU time (server and client share it) over the requests.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const MEDIA = Number(opt('--media', 8000))
const REQUESTS = Number(opt('--requests', 400))
const TARGET_MS = 20

if (!argv.includes('--no-build')) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const { buildServer } = await import(path.join(root, 'dist/app/build-server.js'))
const { loadConfig } = await import(path.join(root, 'dist/app/config.js'))
const { parseAniListImport, writeAniListImport } = await import(path.join(root, 'dist/people/import/anilist-import.js'))
const { refreshRankings } = await import(path.join(root, 'dist/lists/figures/rankings.js'))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-bench-detail-'))
const config = { ...loadConfig({ database: path.join(dir, 'detail.db'), port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'warn' }
const app = await buildServer(config)
const address = await app.listen({ port: 0, host: '127.0.0.1' })

// A deterministic catalog shaped like AniList's: works of 12 characters (each voiced in Japanese and
// English), 8 staff, 2 studios of 60, 8 tags of 150, 2 relations; every tenth work releasing with a
// weekly schedule. Characters and voice actors are shared across works as franchises and careers share them.
const STUDIOS = 60, TAGS = 150, ACTORS = 3000, STAFF = 4000, CHARACTERS = 40000
const pick = (seed, n) => ((seed * 2654435761) >>> 0) % n
const person = (id, kind) => ({ id, name: { first: `${kind}${id}`, last: 'Bench', full: `${kind}${id} Bench`, native: `ベンチ${id}` }, languageV2: id % 2 ? 'Japanese' : 'English' })
const now = Math.floor(Date.now() / 1000)
function work(id) {
  const releasing = id % 10 === 0
  return {
    id, type: 'ANIME', title: { romaji: `Bench Work ${id}`, english: `Bench Work ${id} (EN)`, native: `ベンチ作品${id}` },
    format: 'TV', status: releasing ? 'RELEASING' : 'FINISHED', episodes: releasing ? null : 12 + (id % 14), duration: 24,
    startDate: { year: 1990 + (id % 35), month: 1 + (id % 12), day: 1 + (id % 28) }, season: ['WINTER', 'SPRING', 'SUMMER', 'FALL'][id % 4], seasonYear: 1990 + (id % 35),
    genres: ['Action', 'Drama', 'Comedy', 'Fantasy', 'Romance'].filter((_, i) => (id + i) % 3 === 0),
    description: `A benchmark work, number ${id}. <br><br>It has a <i>description</i> long enough to render, like real ones. `.repeat(3),
    averageScore: 50 + (id % 45), meanScore: 50 + (id % 46), popularity: (id * 37) % 100000, favourites: (id * 13) % 5000,
    studios: { edges: [0, 1].map((k) => ({ isMain: k === 0, node: { id: 1 + pick(id + k, STUDIOS), name: `Studio ${1 + pick(id + k, STUDIOS)}`, isAnimationStudio: k === 0 } })) },
    tags: Array.from({ length: 8 }, (_, k) => {
      const tag = 1 + ((id + k * 17) % TAGS)
      return { id: tag, name: `Tag ${tag}`, category: `Category ${tag % 12}`, rank: 90 - k * 8, isMediaSpoiler: k === 7, isGeneralSpoiler: false, isAdult: false, description: `Tag ${tag}.` }
    }),
    relations: { edges: [id - 1, id + 1].filter((r) => r >= 1 && r <= MEDIA).map((r) => ({ relationType: r < id ? 'PREQUEL' : 'SEQUEL', node: { id: r, type: 'ANIME' } })) },
    characters: {
      edges: Array.from({ length: 12 }, (_, k) => {
        const character = 1 + pick(id * 12 + k, CHARACTERS)
        return {
          role: k < 3 ? 'MAIN' : 'SUPPORTING',
          node: { id: character, name: { first: `Character${character}`, last: 'Bench', full: `Character${character} Bench`, native: `キャラ${character}` }, gender: k % 2 ? 'Female' : 'Male' },
          voiceActors: [{ ...person(100000 + 2 * pick(character, ACTORS / 2) + 1, 'Actor'), languageV2: 'Japanese' }, { ...person(100000 + 2 * pick(character + 7, ACTORS / 2), 'Actor'), languageV2: 'English' }],
        }
      }),
    },
    staff: { edges: ['Director', 'Original Creator', 'Series Composition', 'Character Design', 'Music', 'Art Director', 'Sound Director', 'Storyboard'].map((role, k) => ({ role, node: person(200000 + pick(id * 8 + k, STAFF), 'Staff') })) },
    airingSchedule: releasing ? { nodes: Array.from({ length: 20 }, (_, k) => ({ id: id * 100 + k, episode: k + 1, airingAt: now + (k - 10) * 7 * 86400 })) } : undefined,
  }
}

let started = Date.now()
const BATCH = 500
for (let from = 1; from <= MEDIA; from += BATCH) {
  const works = Array.from({ length: Math.min(BATCH, MEDIA - from + 1) }, (_, i) => work(from + i))
  await writeAniListImport(app.kiroku.db, app.kiroku.clock, parseAniListImport(JSON.stringify(works)))
}
// As `kiroku import` does: the imported figures ranked, so every answer carries its rankings.
await refreshRankings(app.kiroku.db)
console.log(`catalog: ${MEDIA} works with casts, staff, studios, tags, relations and airings, imported in ${((Date.now() - started) / 1000).toFixed(1)} s`)

const QUERY = `
query media($id: Int) {
  Media(id: $id, type: ANIME) {
    id title { romaji english native userPreferred } coverImage { extraLarge large color } bannerImage
    format status episodes duration season seasonYear startDate { year month day } genres
    description(asHtml: true) averageScore meanScore popularity favourites isFavourite siteUrl
    studios { edges { isMain node { id name siteUrl } } }
    tags { id name rank category isMediaSpoiler }
    relations { edges { relationType(version: 2) node { id title { userPreferred } format type status coverImage { large } } } }
    characters(sort: [ROLE, RELEVANCE, ID], perPage: 25) {
      pageInfo { total hasNextPage }
      edges { role node { id name { full native userPreferred } image { large } } voiceActors(language: JAPANESE, sort: [RELEVANCE, ID]) { id name { full native } image { large } } }
    }
    staff(sort: [RELEVANCE, ID], perPage: 25) { edges { role node { id name { full } image { large } } } }
    nextAiringEpisode { airingAt timeUntilAiring episode }
    rankings { rank type context allTime year season }
    stats { scoreDistribution { score amount } statusDistribution { status amount } }
  }
}`

async function ask(id) {
  const res = await fetch(`${address}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { id } }) })
  const body = await res.json()
  if (res.status !== 200 || body.errors) throw new Error(`media ${id}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`)
  const media = body.data.Media
  if (media.rankings.length === 0) throw new Error(`media ${id}: no rankings`)
  if (media.characters.edges.length !== 12 || media.staff.edges.length !== 8 || media.studios.edges.length !== 2) throw new Error(`media ${id}: the answer lacks the imported people or studios`)
  return media
}

for (let i = 0; i < 30; i++) await ask(1 + pick(i + 99991, MEDIA)) // warm-up: JIT, statement caches
const times = []
const cpuBefore = process.cpuUsage()
started = performance.now()
for (let i = 0; i < REQUESTS; i++) {
  const t = performance.now()
  await ask(1 + pick(i, MEDIA))
  times.push(performance.now() - t)
}
const wall = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
times.sort((a, b) => a - b)
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
const median = at(0.5)
console.log(`media-detail over ${MEDIA} works, ${REQUESTS} requests one at a time:`)
console.log(`  median ${median.toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms`)
console.log(`  CPU per request (server and client in this process) ${Math.round(((cpu.user + cpu.system) / REQUESTS))} µs; ${(REQUESTS / (wall / 1000)).toFixed(0)} req/s`)
console.log(`  target: median under ${TARGET_MS} ms: ${median < TARGET_MS ? 'pass' : 'FAIL'}`)
await app.close()
if (argv.includes('--keep')) console.log(`database kept: ${path.join(dir, 'detail.db')}`)
else fs.rmSync(dir, { recursive: true, force: true })
process.exit(median < TARGET_MS ? 0 : 1)
