#!/usr/bin/env node
// Load scenarios against a real Kiroku (the built dist/), on a throw-away SQLite database, with
// autocannon in this process. Usage: npm run bench [-- --duration 10 --connections 20 --only NAME]
// Numbers are only comparable within one run on one machine: quote ratios, not absolutes.
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

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const { buildServer } = await import(path.join(root, 'dist/server.js'))
const { loadConfig } = await import(path.join(root, 'dist/config.js'))
const { createUser } = await import(path.join(root, 'dist/accounts/users.js'))
const { createClient } = await import(path.join(root, 'dist/oauth/clients.js'))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-bench-'))
const config = { ...loadConfig({ database: path.join(dir, 'bench.db'), port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'warn' }
const app = await buildServer(config)
const address = await app.listen({ port: 0, host: '127.0.0.1' })
const ctx = app.kiroku
const user = await createUser(ctx.db, ctx.clock, { name: 'bench', password: 'bench-password' })
const { client, secret } = await createClient(ctx.db, ctx.clock, { name: 'Bench', redirectUris: ['https://bench.example/cb'] })
const { accessToken } = await ctx.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })

const scenarios = {
  'graphql-viewer': {
    method: 'POST', path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: '{ Viewer { id name } }' }),
  },
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

console.log(`Kiroku bench: ${duration}s per scenario, ${connections} connections, ${os.cpus().length} CPUs, Node ${process.version}`)
console.log('scenario'.padEnd(26), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'non-2xx'.padStart(8))
for (const [name, request] of Object.entries(scenarios)) {
  if (only && !name.includes(only)) continue
  const result = await autocannon({ url: address, duration, connections, ...request })
  console.log(name.padEnd(26), result.requests.average.toFixed(0).padStart(9), String(result.latency.p50).padStart(8), String(result.latency.p99).padStart(8), String(result.non2xx).padStart(8))
}
await app.close()
fs.rmSync(dir, { recursive: true, force: true })
