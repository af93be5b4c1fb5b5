#!/usr/bin/env node
// Side-by-side load on the two OAuth hot paths of two Kiroku builds (a baseline checkout and this
// one), each server in its own child process so that its CPU can be read from /proc/<pid>/stat.
//   node bench/scratch-oauth.mjs --base /work/wt-oauth-base [--new .] [--duration 8] [--connections 16] [--rounds 1]
// Both checkouts must be built (npm run build). Scenarios, alternating between the servers:
//   implicit: GET /authorize response_type=token with a remembered approval → 302 with a token;
//   code-pkce: GET /authorize response_type=code (S256) → 302, then POST /token with the code (one flow).
// Prints req/s (flows/s for code-pkce) and server CPU µs per operation (utime+stime delta / ops).
// Numbers compare only within one run: the load generator shares the machine's cores.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const here = path.dirname(fileURLToPath(import.meta.url))
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const baseRoot = path.resolve(opt('--base', '/work/wt-oauth-base'))
const newRoot = path.resolve(opt('--new', path.join(here, '..')))
const duration = Number(opt('--duration', 8))
const connections = Number(opt('--connections', 16))
const rounds = Number(opt('--rounds', 1))
const only = opt('--only')
// --profile DIR: the new server runs with --cpu-prof, writing its profile to DIR when it stops.
const profileDir = opt('--profile')
const REDIRECT = 'https://bench.example/cb'
const TICK_US = 1e6 / 100 // USER_HZ is 100 on Linux

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-oauth-bench-'))

async function startServer(name, root, flags = []) {
  const child = spawn(process.execPath, [...flags, path.join(here, 'scratch-oauth-server.mjs'), root, path.join(dir, `${name}.db`)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`${name} server exited (${code})`)))
  })
  return { name, child, ...JSON.parse(line) }
}

function cpuTicks(pid) {
  // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field, stime the 15th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}

const verifier = 'bench-verifier-'.padEnd(64, 'x')
const challenge = createHash('sha256').update(verifier).digest('base64url')

function implicit(s) {
  const query = new URLSearchParams({ client_id: String(s.clientId), redirect_uri: REDIRECT, response_type: 'token', state: 'bench-state' })
  return { requests: [{ method: 'GET', path: `/api/v2/oauth/authorize?${query}`, headers: { cookie: s.cookie } }], perOp: 1, expect: [302] }
}

function codePkce(s) {
  const query = new URLSearchParams({ client_id: String(s.clientId), redirect_uri: REDIRECT, response_type: 'code', state: 'bench-state', code_challenge: challenge, code_challenge_method: 'S256' })
  return {
    perOp: 2,
    expect: [302, 200],
    requests: [
      {
        method: 'GET', path: `/api/v2/oauth/authorize?${query}`, headers: { cookie: s.cookie },
        onResponse: (status, _body, context, headers) => { context.code = status === 302 ? new URL(headers.location).searchParams.get('code') : 'none' },
      },
      {
        method: 'POST', path: '/api/v2/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (request, context) => ({
          ...request,
          body: new URLSearchParams({ grant_type: 'authorization_code', code: context.code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: String(s.clientId), client_secret: s.secret }).toString(),
        }),
      },
    ],
  }
}

async function run(server, scenario, seconds) {
  const { requests, perOp } = scenario(server)
  const before = cpuTicks(server.child.pid)
  const result = await autocannon({ url: server.address, duration: seconds, connections, requests })
  const ticks = cpuTicks(server.child.pid) - before
  const ops = result.requests.total / perOp
  return { opsPerSecond: ops / seconds, cpuUs: (ticks * TICK_US) / ops, statuses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] } }
}

const profileFlags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : []
const servers = [await startServer('base', baseRoot), await startServer('new', newRoot, profileFlags)]
console.log(`scratch-oauth: ${duration}s per run, ${connections} connections, ${rounds} round(s), ${os.cpus().length} CPUs, Node ${process.version}`)
console.log(`base ${baseRoot}\nnew  ${newRoot}`)
const scenarios = { implicit, 'code-pkce': codePkce }
// Warm both servers up (JIT, caches) before anything is counted.
for (const s of servers) for (const scenario of Object.values(scenarios)) await run(s, scenario, 1)
const results = new Map()
for (let round = 0; round < rounds; round++) {
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (only && !name.includes(only)) continue
    for (const s of servers) {
      const r = await run(s, scenario, duration)
      const key = `${name} ${s.name}`
      results.set(key, [...(results.get(key) ?? []), r])
      console.log(key.padEnd(16), `${r.opsPerSecond.toFixed(0).padStart(6)} ops/s`, `${r.cpuUs.toFixed(0).padStart(6)} µs CPU/op`, JSON.stringify(r.statuses))
    }
  }
}
if (rounds > 1) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  console.log('medians:')
  for (const [key, rs] of results) console.log(key.padEnd(16), `${median(rs.map((r) => r.opsPerSecond)).toFixed(0).padStart(6)} ops/s`, `${median(rs.map((r) => r.cpuUs)).toFixed(0).padStart(6)} µs CPU/op`)
}
for (const name of Object.keys(scenarios)) {
  const b = results.get(`${name} base`), n = results.get(`${name} new`)
  if (!b || !n) continue
  const median = (xs) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]
  console.log(`${name}: new/base throughput ${(median(n.map((r) => r.opsPerSecond)) / median(b.map((r) => r.opsPerSecond))).toFixed(2)}x, CPU ${(median(n.map((r) => r.cpuUs)) / median(b.map((r) => r.cpuUs))).toFixed(2)}x`)
}
await Promise.all(servers.map((s) => new Promise((resolve) => { s.child.once('exit', resolve); s.child.kill('SIGTERM') })))
fs.rmSync(dir, { recursive: true, force: true })
