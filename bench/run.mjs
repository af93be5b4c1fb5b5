#!/usr/bin/env node
// Load scenarios against a real Kiroku (the built dist/), on a throw-away SQLite database, with
// autocannon in this process. Usage: npm run bench [-- --duration 10 --connections 20 --only NAME
// --rounds 1 --redis URL]
// Numbers are only comparable within one run on one machine: quote ratios, not absolutes.
// graphql-viewer-no-token-cache runs the same request against a second server that reads the token's
// row on every request (TOKEN_CHECK_CACHE_SECONDS=0): the token check cache's before and after.
// With --redis URL (off by default: the bench needs neither Redis nor PostgreSQL), two more servers
// count every request against a limit never reached, one in memory and one in that Redis (under a
// prefix of its own, deleted afterwards): what sharing the rate limit costs a request.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const duration = Number(opt('--duration', 10))
const connections = Number(opt('--connections', 20))
const only = opt('--only')
const rounds = Number(opt('--rounds', 1))
const redisUrl = opt('--redis')

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const { buildServer } = await import(path.join(root, 'dist/app/build-server.js'))
const { loadConfig } = await import(path.join(root, 'dist/app/config.js'))
const { createUser } = await import(path.join(root, 'dist/accounts/users.js'))
const { createClient } = await import(path.join(root, 'dist/oauth/clients.js'))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-bench-'))

/** A listening server on its own SQLite file, with a user, a client and a token. */
async function start(name, env) {
  const config = { ...loadConfig({ database: path.join(dir, `${name}.db`), port: 0 }, { RATE_LIMIT_PER_MINUTE: '0', ...env }), logLevel: 'warn' }
  const app = await buildServer(config)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const ctx = app.kiroku
  const user = await createUser(ctx.db, ctx.clock, { name: 'bench', password: 'bench-password' })
  const { client, secret } = await createClient(ctx.db, ctx.clock, { name: 'Bench', redirectUris: ['https://bench.example/cb'] })
  const { accessToken } = await ctx.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })
  return { app, address, client, secret, accessToken }
}

const main = await start('bench', {})
// The same server but reading the token's row on every request: the cache's "before".
const uncached = await start('uncached', { TOKEN_CHECK_CACHE_SECONDS: '0' })
// A limit no run reaches, so that every request is counted and none refused.
const COUNT_ONLY = { RATE_LIMIT_PER_MINUTE: '1000000000' }
const redisPrefix = `kiroku-bench:${process.pid}:`
const counted = redisUrl ? await start('counted-memory', COUNT_ONLY) : null
const countedInRedis = redisUrl ? await start('counted-redis', { ...COUNT_ONLY, REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix }) : null
const { address, client, secret, accessToken } = main
const viewer = (token) => ({
  method: 'POST', path: '/graphql',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: '{ Viewer { id name } }' }),
})

const scenarios = {
  'graphql-viewer': viewer(accessToken),
  'graphql-viewer-no-token-cache': { url: uncached.address, ...viewer(uncached.accessToken) },
  ...(counted && countedInRedis
    ? {
        'graphql-viewer-limit-memory': { url: counted.address, ...viewer(counted.accessToken) },
        'graphql-viewer-limit-redis': { url: countedInRedis.address, ...viewer(countedInRedis.accessToken) },
      }
    : {}),
  'graphql-anonymous-error': {
    method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ Viewer { id } }' }),
  },
  'jwks': { method: 'GET', path: '/api/v2/oauth/jwks' },
  'metadata': { method: 'GET', path: '/.well-known/oauth-authorization-server' },
  'token-invalid-grant': {
    method: 'POST', path: '/api/v2/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id: String(client.id), client_secret: secret, redirect_uri: 'https://bench.example/cb' }).toString(),
  },
}

console.log(`Kiroku bench: ${duration}s per scenario, ${connections} connections, ${rounds} round(s), ${os.cpus().length} CPUs, Node ${process.version}`)
const row = (name, rps, p50, p99, non2xx) => console.log(name.padEnd(30), rps.padStart(9), p50.padStart(8), p99.padStart(8), non2xx.padStart(8))
row('scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx')
// Rounds interleave the scenarios, so that a busy moment of a shared machine hits them all alike.
const rates = new Map()
for (let round = 0; round < rounds; round++) {
  for (const [name, request] of Object.entries(scenarios)) {
    if (only && !name.includes(only)) continue
    // autocannon reads `path` only inside `requests`: a top-level one is ignored and `/` is asked.
    const { url = address, ...one } = request
    const result = await autocannon({ url, duration, connections, requests: [one] })
    rates.set(name, [...(rates.get(name) ?? []), result.requests.average])
    row(name, result.requests.average.toFixed(0), String(result.latency.p50), String(result.latency.p99), String(result.non2xx))
  }
}
if (rounds > 1) {
  console.log(`median req/s over ${rounds} rounds:`)
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  for (const [name, xs] of rates) console.log(name.padEnd(30), median(xs).toFixed(0).padStart(9))
}
if (countedInRedis) {
  const redis = countedInRedis.app.kiroku.redis.commands
  const keys = await redis.keys(`${redisPrefix}*`)
  if (keys.length > 0) await redis.del(...keys)
}
for (const server of [main, uncached, counted, countedInRedis]) await server?.app.close()
fs.rmSync(dir, { recursive: true, force: true })
