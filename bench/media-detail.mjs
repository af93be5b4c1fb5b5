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
import { catalogBatches } from './reference/catalog.mjs'
import { checkMediaDetail, MEDIA_DETAIL_QUERY } from './reference/scenarios/media-detail-query.mjs'

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

// The reference run's catalog (bench/reference/catalog.mjs): works of 12 characters voiced in Japanese
// and English, 8 staff, 2 studios, 8 tags, 2 relations, every tenth one releasing weekly.
const pick = (seed, n) => ((seed * 2654435761) >>> 0) % n

let started = Date.now()
for (const works of catalogBatches(MEDIA)) {
  await writeAniListImport(app.kiroku.db, app.kiroku.clock, parseAniListImport(JSON.stringify(works)))
}
// As `kiroku import` does: the imported figures ranked, so every answer carries its rankings.
await refreshRankings(app.kiroku.db)
console.log(`catalog: ${MEDIA} works with casts, staff, studios, tags, relations and airings, imported in ${((Date.now() - started) / 1000).toFixed(1)} s`)

async function ask(id) {
  const res = await fetch(`${address}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: MEDIA_DETAIL_QUERY, variables: { id } }) })
  const body = await res.json()
  if (res.status !== 200 || body.errors) throw new Error(`media ${id}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`)
  checkMediaDetail(body.data)
  return body.data.Media
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
