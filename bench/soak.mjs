#!/usr/bin/env node
// Soak: the built `kiroku serve`, as its own process on a throw-away SQLite file, under a realistic mix
// of traffic at about 70% of the capacity measured for that mix just before, for 60 s. It passes when
// every answer has its expected status (2xx, and the 401 the anonymous request must get), no socket
// error or timeout happened, and the server's resident memory grew less than 10% from the end of the
// warm-up (the first 10 s) to the end. Memory is sampled every second from outside (/proc/<pid>/status)
// and from the server's own /metrics; CPU per request comes from /proc/<pid>/stat. The results are
// printed and appended, dated, to bench/BENCHMARKS.md; the exit code is 1 when a criterion fails.
// Usage: npm run soak [-- --duration 60 --warmup 10 --capacity-duration 10 --connections 20
//   --load 0.7 --no-write]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const duration = Number(opt('--duration', 60))
const warmup = Number(opt('--warmup', 10))
const capacityDuration = Number(opt('--capacity-duration', 10))
const connections = Number(opt('--connections', 20))
const load = Number(opt('--load', 0.7))
const write = !argv.includes('--no-write')
for (const [name, value] of Object.entries({ duration, warmup, capacityDuration, connections, load })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
}
if (warmup >= duration) throw new Error('--warmup must be shorter than --duration')

const RSS_GROWTH_LIMIT = 0.10
const USERS = 10

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const dist = (file) => import(path.join(root, 'dist', file))
const { buildServer } = await dist('app/build-server.js')
const { loadConfig } = await dist('app/config.js')
const { createUser } = await dist('accounts/users.js')
const { createClient } = await dist('oauth/clients.js')
const { createRefreshToken } = await dist('oauth/refresh-tokens.js')
const { seedCatalog, builtInCatalog } = await dist('catalog/seed/index.js')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-soak-'))
const databaseUrl = `sqlite:${path.join(dir, 'soak.db')}`

/**
 * Users with tokens, a confidential client, the catalog, and a pool of refresh token chains (three per
 * connection: a run that ends with a refresh in flight loses that chain).
 */
async function prepare() {
  const app = await buildServer({ ...loadConfig({ database: databaseUrl, port: 0 }, {}), logLevel: 'warn' })
  try {
    const ctx = app.kiroku
    await seedCatalog(ctx.db, ctx.clock)
    const { client, secret } = await createClient(ctx.db, ctx.clock, { name: 'Soak', redirectUris: ['https://soak.example/cb'] })
    const users = []
    for (let i = 0; i < USERS; i++) {
      const user = await createUser(ctx.db, ctx.clock, { name: `soak${i}`, password: 'soak-password' })
      const { accessToken } = await ctx.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })
      users.push({ id: user.id, token: accessToken })
    }
    const refreshTokens = []
    for (let i = 0; i < 3 * connections; i++) {
      const user = users[i % users.length]
      refreshTokens.push((await createRefreshToken(ctx.db, ctx.clock, { clientId: client.id, userId: user.id, ttlSeconds: 86_400 })).token)
    }
    return { client, secret, users, refreshTokens }
  } finally {
    await app.close()
  }
}

/** Starts `kiroku serve` on the prepared database; resolves with its process and address. */
function serve() {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' }
  const child = spawn(process.execPath, [path.join(root, 'bin/kiroku.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      const address = /Kiroku listening on (\S+) /.exec(stderr)?.[1]
      if (address) resolve({ child, address, stderr: () => stderr })
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
}

const prepared = await prepare()
const server = await serve()
const pid = server.child.pid
const mediaIds = builtInCatalog().map((m) => m.id)

// What each answer must be, counted by request name: anything else is an error of the soak.
const unexpected = new Map()
const countUnexpected = (name, detail) => {
  const seen = unexpected.get(name) ?? { count: 0, first: detail }
  seen.count++
  unexpected.set(name, seen)
}
const gql = (query, variables) => JSON.stringify({ query, variables })
const json = { 'content-type': 'application/json' }
const form = { 'content-type': 'application/x-www-form-urlencoded' }

// autocannon clears a connection's context at the end of each round of the mix: a round is numbered
// when it starts, acts for one of the users, and takes its changing values from counters of its own.
let rounds = 0
let saves = 0
/** A GraphQL request as the round's user, expected to answer 200 without errors. */
const asUser = (name, body) => ({
  name, method: 'POST', path: '/graphql', headers: json, body: typeof body === 'string' ? body : undefined,
  setupRequest: (req, context) => {
    context.n ??= rounds++
    context.user ??= prepared.users[context.n % prepared.users.length]
    const payload = typeof body === 'function' ? body(context) : body
    return { ...req, body: payload, headers: { ...req.headers, authorization: `Bearer ${context.user.token}` } }
  },
  onResponse: (status, text) => {
    if (status !== 200 || text.includes('"errors"')) countUnexpected(name, `${status} ${text.slice(0, 200)}`)
  },
})
const expecting = (name, status, request) => ({
  name, ...request,
  onResponse: (got, text) => { if (got !== status) countUnexpected(name, `${got} ${text.slice(0, 200)}`) },
})

const VIEWER = gql('{ Viewer { id name mediaListOptions { scoreFormat } } }')
const MEDIA_PAGE = gql('query ($page: Int) { Page(page: $page, perPage: 10) { pageInfo { total hasNextPage } media(sort: POPULARITY_DESC, type: ANIME) { id title { romaji english } format episodes averageScore coverImage { large } } } }', { page: 1 })
const MEDIA_SEARCH = gql('{ Page(perPage: 10) { media(search: "no", sort: SEARCH_MATCH) { id title { userPreferred } } } }')
const collection = (type) => (context) => gql('query ($userId: Int, $type: MediaType) { MediaListCollection(userId: $userId, type: $type) { lists { name status entries { id mediaId status progress score media { id title { userPreferred } } } } } }', { userId: context.user.id, type })
const save = () => {
  const n = saves++
  return gql('mutation ($mediaId: Int, $progress: Int, $notes: String) { SaveMediaListEntry(mediaId: $mediaId, status: CURRENT, progress: $progress, notes: $notes) { id progress } }', {
    mediaId: mediaIds[n % mediaIds.length], progress: n % 12, notes: `soak ${n}`,
  })
}
const mediaOne = (context) => gql('query ($id: Int) { Media(id: $id) { id title { romaji } mediaListEntry { id status } } }', { id: mediaIds[context.n % mediaIds.length] })

// One connection's round: reads outnumber writes, as in real clients; every kind of answer appears.
const mix = [
  asUser('graphql-viewer', VIEWER),
  expecting('graphql-media-page', 200, { method: 'POST', path: '/graphql', headers: json, body: MEDIA_PAGE }),
  asUser('graphql-media-list-collection', collection('ANIME')),
  asUser('graphql-save-media-list-entry', save),
  asUser('graphql-media', mediaOne),
  expecting('jwks', 200, { method: 'GET', path: '/api/v2/oauth/jwks' }),
  asUser('graphql-viewer', VIEWER),
  expecting('graphql-anonymous-401', 401, { method: 'POST', path: '/graphql', headers: json, body: gql('{ Viewer { id } }') }),
  expecting('graphql-media-search', 200, { method: 'POST', path: '/', headers: json, body: MEDIA_SEARCH }),
  asUser('graphql-save-media-list-entry', save),
  expecting('metadata', 200, { method: 'GET', path: '/.well-known/oauth-authorization-server' }),
  {
    // Refresh tokens rotate: a request takes a chain's latest token out of the pool and puts the new
    // one back, so that no two requests ever present the same token (which would be a replay).
    name: 'token-refresh', method: 'POST', path: '/api/v2/oauth/token', headers: form,
    setupRequest: (req, context) => {
      context.refresh = prepared.refreshTokens.shift()
      if (context.refresh === undefined) throw new Error('the pool of refresh tokens ran dry: raise its size in prepare()')
      return { ...req, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: context.refresh, client_id: String(prepared.client.id), client_secret: prepared.secret }).toString() }
    },
    onResponse: (status, text) => {
      if (status !== 200) return countUnexpected('token-refresh', `${status} ${text.slice(0, 200)}`)
      prepared.refreshTokens.push(JSON.parse(text).refresh_token)
    },
  },
  asUser('graphql-media-list-collection', collection('MANGA')),
  asUser('graphql-viewer', VIEWER),
]

/** The server's resident memory from outside, in bytes. */
function rssBytes() {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return Number(/(\d+)/.exec(line)[1]) * 1024
}
const clockTicks = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString()) } catch { return 100 } })()
/** The server's CPU time so far (user + system), in milliseconds. */
function cpuMs() {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks
}
/** The machine's busy CPU time so far, all cores, in milliseconds (to tell how much others used). */
function machineBusyMs() {
  const [, ...times] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = times.map(Number)
  return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks
}
/** Resident memory and heap as the server reports them on /metrics. */
async function selfReported() {
  const text = await (await fetch(`${server.address}/metrics`)).text()
  const value = (name) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1])
  return { metricsRss: value('process_resident_memory_bytes'), heapUsed: value('nodejs_heap_size_used_bytes') }
}

const run = (options) => autocannon({ url: server.address, connections, requests: mix, ...options })

console.log(`Kiroku soak: capacity run ${capacityDuration}s, then ${duration}s at ${Math.round(load * 100)}% with ${connections} connections; warm-up ${warmup}s`)
const capacity = await run({ duration: capacityDuration })
const capacityRate = capacity.requests.average
const target = Math.max(1, Math.round(capacityRate * load))
const capacityUnexpected = [...unexpected.values()].reduce((n, u) => n + u.count, 0)
unexpected.clear()
console.log(`capacity of the mix: ${capacityRate.toFixed(0)} req/s (${capacity.errors} socket errors, ${capacity.timeouts} timeouts, ${capacityUnexpected} unexpected statuses); soaking at ${target} req/s`)

const samples = []
const started = Date.now()
const cpuBefore = cpuMs()
const busyBefore = machineBusyMs()
const ownBefore = process.cpuUsage()
const loadBefore = os.loadavg()[0]
const sample = async () => {
  const t = (Date.now() - started) / 1000
  const rss = rssBytes()
  samples.push({ t, rss, ...(await selfReported().catch(() => ({ metricsRss: NaN, heapUsed: NaN }))) })
}
await sample()
const sampler = setInterval(() => void sample(), 1000)
const soak = await run({ duration, overallRate: target })
clearInterval(sampler)
await sample()
const elapsedMs = Date.now() - started
const serverCpuMs = cpuMs() - cpuBefore
const own = process.cpuUsage(ownBefore)
const ownCpuMs = (own.user + own.system) / 1000
// What the rest of the machine (other engineers' test runs) used meanwhile, in cores.
const othersCores = Math.max(0, machineBusyMs() - busyBefore - serverCpuMs - ownCpuMs) / elapsedMs
const loadAfter = os.loadavg()[0]

server.child.kill('SIGTERM')
await new Promise((resolve) => server.child.once('exit', resolve))
fs.rmSync(dir, { recursive: true, force: true })

// Memory at the end of the warm-up and at the end: medians of the five samples from each (the heap
// swings by tens of MB between collections), so that one collection caught mid-way does not decide.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const around = (from, to, key) => median(samples.filter((s) => s.t >= from && s.t <= to).map((s) => s[key]))
const rssWarm = around(warmup, warmup + 4.5, 'rss')
const rssEnd = around(duration - 4.5, Infinity, 'rss')
const heapWarm = around(warmup, warmup + 4.5, 'heapUsed')
const heapEnd = around(duration - 4.5, Infinity, 'heapUsed')
const metricsRssEnd = around(duration - 4.5, Infinity, 'metricsRss')
const growth = (rssEnd - rssWarm) / rssWarm
const unexpectedTotal = [...unexpected.values()].reduce((n, u) => n + u.count, 0)
const socketErrors = soak.errors + soak.timeouts
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

const criteria = [
  ['no unexpected status', unexpectedTotal === 0, `${unexpectedTotal}`],
  ['no socket error or timeout', socketErrors === 0, `${soak.errors} errors, ${soak.timeouts} timeouts`],
  [`RSS growth after warm-up < ${RSS_GROWTH_LIMIT * 100}%`, growth < RSS_GROWTH_LIMIT, `${(growth * 100).toFixed(1)}%`],
]
const passed = criteria.every(([, ok]) => ok)

const rows = [
  ['capacity of the mix (unthrottled, ' + `${capacityDuration} s)`, `${capacityRate.toFixed(0)} req/s`],
  ['target', `${target} req/s (${Math.round(load * 100)}%)`],
  ['achieved', `${soak.requests.average.toFixed(0)} req/s, ${soak.requests.total} requests in ${duration} s`],
  ['latency p50 / p97.5 / p99 / max', `${soak.latency.p50} / ${soak.latency.p97_5} / ${soak.latency.p99} / ${soak.latency.max} ms`],
  ['unexpected statuses', unexpectedTotal === 0 ? '0' : [...unexpected].map(([name, u]) => `${name}: ${u.count} (first: ${u.first})`).join('; ')],
  ['socket errors / timeouts', `${soak.errors} / ${soak.timeouts}`],
  [`RSS (/proc) at ${warmup}–${warmup + 4} s → last 5 s`, `${mb(rssWarm)} → ${mb(rssEnd)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)`],
  ['RSS (/metrics) at end', mb(metricsRssEnd)],
  [`heap used (/metrics) at ${warmup}–${warmup + 4} s → last 5 s`, `${mb(heapWarm)} → ${mb(heapEnd)}`],
  ['server CPU per request', `${((serverCpuMs * 1000) / soak.requests.total).toFixed(0)} µs (${(serverCpuMs / elapsedMs).toFixed(2)} cores)`],
  ['load generator CPU', `${(ownCpuMs / elapsedMs).toFixed(2)} cores`],
  ['other processes on the machine', `${othersCores.toFixed(2)} cores busy on average; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`],
]

const cpus = os.cpus()
const commit = (() => {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).toString().trim() !== ''
    return dirty ? `${sha} (with uncommitted changes)` : sha
  } catch {
    return 'unknown'
  }
})()
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`
const names = [...new Set(mix.map((r) => r.name))]
const when = new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ')

console.log('')
for (const [what, value] of rows) console.log(`${what.padEnd(40)} ${value}`)
for (const [what, ok, value] of criteria) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${value}`)
console.log(passed ? 'soak passed' : 'soak FAILED')

if (write) {
  const file = path.join(root, 'bench', 'BENCHMARKS.md')
  const header = '# Benchmarks\n\nResults of `npm run soak` (bench/soak.mjs), newest last. Each section is one run on one\nmachine: compare runs of one machine only, and read the line on other processes before the numbers.\n'
  const section = [
    '', `## Soak, ${when}: ${passed ? 'passed' : 'FAILED'}`, '',
    `Commit ${commit}; ${machine}. \`kiroku serve\` on SQLite (WAL), rate limit off, ${connections} connections,`,
    `one round of ${mix.length} requests per connection: ${names.join(', ')}.`, '',
    '| measure | value |', '|---|---|', ...rows.map(([what, value]) => `| ${what} | ${String(value).replaceAll('|', '\\|')} |`), '',
    ...criteria.map(([what, ok, value]) => `- ${ok ? 'pass' : 'FAIL'}: ${what} (${value})`), '',
  ].join('\n')
  if (!fs.existsSync(file)) fs.writeFileSync(file, header)
  fs.appendFileSync(file, section)
  console.log(`appended to ${path.relative(process.cwd(), file)}`)
}
process.exitCode = passed ? 0 : 1
