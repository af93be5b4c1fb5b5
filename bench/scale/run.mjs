#!/usr/bin/env node
// Kiroku's scaling numbers on PostgreSQL (issue 12, deliverable 3), in one run:
//   npm run bench:scale -- --database postgres://postgres@127.0.0.1:5432/test
//     [--duration 8 --warmup 2 --connections 16 --rounds 2 --redis redis://127.0.0.1:6379 --write --no-build]
// Creates a throw-away database kiroku_scale_<pid> on that server, migrates it, fills it (fixtures.mjs),
// and starts three Kiroku instances on it plus one on a SQLite file with the same fixtures, each a
// child process (instance.mjs) sharing revocations through Redis under a prefix of this run's; two
// round-robin proxies (proxy.mjs), one in front of one instance and one in front of all three.
// autocannon, in this process, loads each target in turn, the targets alternating within each round.
// Every process's CPU comes from /proc (proc.mjs), statements from a counter wrapped around the
// drivers' query functions in the instances (pg_stat_statements is not preloaded on the test server;
// pg_stat_database's transactions and rows returned are reported beside them).
// The database, the SQLite file and the Redis keys are removed at the end, on failure and on SIGINT.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createDatabase, dropDatabase, migrate, statsReader } from './database.mjs'
import { makeFixtures } from './fixtures.mjs'
import { killAll, start, stopAll } from './children.mjs'
import { measure } from './measure.mjs'
import { appendSection, buildReport, median } from './report.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..', '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const number = (name, fallback) => {
  const value = Number(opt(name, fallback))
  if (Number.isFinite(value) && value > 0) return value
  console.error(`bench:scale: ${name} must be a positive number`)
  process.exit(2)
}
const serverUrl = opt('--database')
if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) {
  console.error('usage: npm run bench:scale -- --database postgres://USER@HOST:PORT/DB [--duration 8 --warmup 2 --connections 16 --rounds 2 --redis URL --write]')
  process.exit(2)
}
const settings = { duration: number('--duration', 8), warmup: number('--warmup', 2), connections: number('--connections', 16), rounds: number('--rounds', 2) }
const redisUrl = opt('--redis', 'redis://127.0.0.1:6379')
const name = `kiroku_scale_${process.pid}`
const redisPrefix = `kiroku-scale:${process.pid}:`
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-scale-'))
const sqliteFile = path.join(tmp, 'scale.db')

let created = false
let pgStats = null
async function cleanUp() {
  await stopAll()
  await pgStats?.close()
  if (created) await dropDatabase(serverUrl, name).catch((error) => console.error(`could not drop ${name}: ${error.message}`))
  created = false
  await deleteRedisKeys().catch((error) => console.error(`could not delete the Redis keys ${redisPrefix}*: ${error.message}`))
  fs.rmSync(tmp, { recursive: true, force: true })
}
async function deleteRedisKeys() {
  const { default: Redis } = await import('ioredis')
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    const keys = await redis.keys(`${redisPrefix}*`)
    if (keys.length > 0) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}
process.once('SIGINT', () => {
  console.error('interrupted: stopping the instances and dropping the database')
  killAll()
  cleanUp().finally(() => process.exit(130))
})

const viewerRequest = (token) => ({
  method: 'POST', path: '/graphql',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: '{ Viewer { id name } }' }),
})
const collectionRequest = (userId) => ({
  method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `{ MediaListCollection(userId: ${userId}, type: ANIME) { lists { entries { id progress score media { id title { romaji } } } } } }` }),
})

/** One request through `url` must answer what the fixtures hold, or the numbers would measure errors. */
async function check(url, scenario, request, expect) {
  const res = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body })
  const body = await res.json().catch(() => null)
  if (res.status !== 200 || body?.errors || !expect(body?.data)) throw new Error(`${scenario} at ${url}: HTTP ${res.status} ${JSON.stringify(body?.errors ?? body).slice(0, 300)}`)
}

const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').trim()
const results = []
let fixtureInfo
try {
  if (!argv.includes('--no-build')) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  const databaseUrl = await createDatabase(serverUrl, name)
  created = true
  const applied = await migrate(root, databaseUrl)
  await migrate(root, sqliteFile)
  let started = Date.now()
  const fixtures = await makeFixtures(root, databaseUrl)
  const pgSeconds = (Date.now() - started) / 1000
  started = Date.now()
  const sqliteFixtures = await makeFixtures(root, sqliteFile)
  fixtureInfo = `database ${name}: ${applied.length} migrations; fixtures (1,000 works, a 1,000-entry list, a token) in ${pgSeconds.toFixed(1)} s on PostgreSQL, ${((Date.now() - started) / 1000).toFixed(1)} s on SQLite`
  console.log(fixtureInfo)

  const base = { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', REDIS_URL: redisUrl, SCALE_COUNT_STATEMENTS: '1' }
  const pgEnv = { ...base, DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix }
  const instances = []
  for (let k = 1; k <= 3; k++) instances.push(await start(path.join(here, 'instance.mjs'), [], pgEnv, `postgres instance ${k}`))
  const sqlite = await start(path.join(here, 'instance.mjs'), [], { ...base, DATABASE_URL: sqliteFile, REDIS_PREFIX: `${redisPrefix}sqlite:` }, 'sqlite instance')
  const proxyOne = await start(path.join(here, 'proxy.mjs'), [instances[0].url], {}, 'proxy to 1')
  const proxyThree = await start(path.join(here, 'proxy.mjs'), instances.map((i) => i.url), {}, 'proxy to 3')
  pgStats = await statsReader(serverUrl, name)

  const ONE = 'PG, proxy → 1 instance'
  const THREE = 'PG, proxy → 3 instances'
  const targets = [
    { label: 'PG, 1 instance direct', url: instances[0].url, instances: [instances[0]], proxy: null, postgres: true },
    { label: 'SQLite, 1 instance direct', url: sqlite.url, instances: [sqlite], proxy: null, postgres: false },
    { label: ONE, url: proxyOne.url, instances: [instances[0]], proxy: proxyOne, postgres: true },
    { label: THREE, url: proxyThree.url, instances, proxy: proxyThree, postgres: true },
  ]
  const scenarios = [
    { label: 'Viewer { id name }', request: (t) => viewerRequest(t.postgres ? fixtures.accessToken : sqliteFixtures.accessToken), expect: (d) => d?.Viewer?.name === 'scaleviewer' },
    {
      label: 'MediaListCollection, 1,000 entries', request: (t) => collectionRequest(t.postgres ? fixtures.listUserId : sqliteFixtures.listUserId),
      expect: (d) => d?.MediaListCollection?.lists?.reduce((n, l) => n + l.entries.length, 0) === 1000,
    },
  ]
  for (const scenario of scenarios) for (const target of targets) for (let k = 0; k < target.instances.length; k++) await check(target.url, scenario.label, scenario.request(target), scenario.expect)

  // Every process, the two instances only the 3-way proxy reaches included, runs every scenario once
  // before any measurement, so that no measured window pays for a cold JIT.
  const primeTargets = [...targets, ...instances.slice(1).map((i) => ({ url: i.url, instances: [i], proxy: null, postgres: true }))]
  for (const scenario of scenarios) for (const target of primeTargets) await measure(target, scenario.request(target), { ...settings, duration: settings.warmup, warmup: 0, pgStats })
  console.log(`${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per run, ${settings.rounds} round(s), ${os.cpus().length} CPUs, Node ${process.version}`)
  for (let round = 1; round <= settings.rounds; round++) {
    for (const scenario of scenarios) {
      for (const target of targets) {
        const run = await measure(target, scenario.request(target), { ...settings, pgStats })
        results.push({ round, scenario: scenario.label, target: target.label, postgres: target.postgres, run })
        console.log(`round ${round} ${scenario.label.padEnd(36)} ${target.label.padEnd(26)} ${run.rps.toFixed(0).padStart(6)} req/s  p99 ${run.p99} ms  Kiroku ${run.instancesCpuPerRequest.toFixed(0)} µs  proxy ${run.proxyCpu.toFixed(0)} µs  PG ${run.postgresCpu.toFixed(0)} µs (all ${run.postgresAllCpu.toFixed(0)})  cores ${run.ownCores.toFixed(2)}/${run.machineCores.toFixed(2)}  wake ${run.wakeups.toFixed(2)} preempt ${run.preemptions.toFixed(2)}  ${run.statementsPerRequest.toFixed(3)} stmts  pool ${run.poolOpenBefore}→${run.poolPeak}→${run.poolOpenAfter} sessions ${run.maxConnections}  failures ${run.errors + run.non2xx}`)
      }
    }
  }
  report({ ONE, THREE })
} catch (error) {
  // A clear line, not a stack: an unreachable server, a failed check, a child that did not start.
  console.error(`bench:scale failed: ${error instanceof Error ? error.message || error.code || error.constructor.name : String(error)}`)
  process.exitCode = 1
} finally {
  await cleanUp()
}

function report({ ONE, THREE }) {
  const { table, ratios } = buildReport(results, { oneLabel: ONE, threeLabel: THREE })
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench/scale'], { cwd: root, encoding: 'utf8' }).trim() ? ' (with uncommitted changes)' : ''
  const cpu = os.cpus()
  const lines = [
    `## Scale on PostgreSQL, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `- Commit ${commit}${dirty}; ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL on the same machine.`,
    `- Command: \`npm run bench:scale -- ${argv.join(' ')}\` (${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per run, ${settings.rounds} rounds, targets alternating within each round).`,
    `- /proc/loadavg before: ${loadBefore}; after: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}.`,
    `- ${fixtureInfo}.`,
    `- Every Kiroku instance, the proxy and autocannon are separate processes; CPU per request is utime+stime from /proc over the measured window divided by the requests the instances received in it (an instance behind the 3-way proxy: by the ones it served); readings wait until no request is in flight. Wake-ups / preemptions: voluntary / involuntary context switches of the instances and the proxy (/proc/<pid>/status) per request. Cores busy: the CPU of this run's processes over the load's wall time / the whole machine's busy time (/proc/stat). PostgreSQL: the sum over this database's backends and the server's helper processes (from \`pg_stat_activity\`), and in parentheses over every process named \`postgres\` (other helpers' databases included). Statements/req: counted by a wrapper around pg's \`Client.prototype.query\` (better-sqlite3's statement methods on SQLite) in each instance, BEGIN/COMMIT included; PG xacts/rows: \`pg_stat_database\` deltas. Pool conns peak: the most PostgreSQL connections the measured instances held at once (counted in each from pg's \`Client.prototype.connect\` to the client's \`end\` event, summed; pool max is 10 per instance, and a connection the pool has let go of counts until its socket has closed); PG sessions: the most \`pg_stat_activity\` rows for the whole database in 500 ms samples during the load, idle instances' pools included (a pool closes idle connections after 10 s).`,
    '- Values are medians over the rounds; req/s lists each round.',
    '',
    ...table,
    '',
    ...ratios.map((r) => `- ${r.scenario}: 3 instances / 1 instance (both behind the proxy) = **${r.median.toFixed(2)}×** (rounds: ${r.perRound.map((x) => x.toFixed(2)).join(', ')}).`),
    ...budget(THREE),
  ]
  console.log(`\n${lines.join('\n')}`)
  if (argv.includes('--write')) {
    appendSection(path.join(root, 'bench', 'BENCHMARKS.md'), lines)
    console.log('\nappended to bench/BENCHMARKS.md')
  }
}

/** Where one request's CPU went behind the 3-way proxy, and the ceiling two cores put on it. */
function budget(label) {
  return [...new Set(results.map((r) => r.scenario))].map((scenario) => {
    const runs = results.filter((r) => r.scenario === scenario && r.target === label).map((r) => r.run)
    const m = (f) => median(runs.map(f))
    const kiroku = m((r) => r.instancesCpuPerRequest), proxy = m((r) => r.proxyCpu), postgres = m((r) => r.postgresCpu), loader = m((r) => r.loaderCpu)
    const total = kiroku + proxy + postgres + loader
    const share = (x) => `${Math.round((100 * x) / total)}%`
    return `- ${scenario}, 3 instances: ${Math.round(total)} µs of CPU per request in all (Kiroku ${share(kiroku)}, proxy ${share(proxy)}, PostgreSQL ${share(postgres)}, autocannon ${share(loader)}), so ${os.cpus().length} cores cap it near ${Math.round((os.cpus().length * 1e6) / total)} req/s; measured ${Math.round(m((r) => r.rps))} req/s with ${m((r) => r.ownCores).toFixed(2)} cores used by this run and ${m((r) => r.machineCores).toFixed(2)} busy in all.`
  })
}
