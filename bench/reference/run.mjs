#!/usr/bin/env node
// The reference benchmark (issue 12): Kiroku, its peers (oidc-provider 9, @jmondi/oauth2-server 4)
// and the bare Fastify limits in one run, each server in a child process of its own whose CPU is read
// from /proc; autocannon in this process. Scenarios: scenarios/*.mjs; targets: targets.mjs.
// Usage: npm run bench [-- --quick | --only NAME | --compare DIR | --database postgres://… | --write]
// (see options.mjs). Numbers compare within one run on one machine: quote the ratios.
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import fs from 'node:fs'
import { startChild } from '../lib/child-server.mjs'
import { loadPhase } from '../lib/phase.mjs'
import { sequentialPhase } from '../lib/sequential.mjs'
import { ownTreeMicros } from '../lib/proc.mjs'
import { otherLoadMeter, shortCommit } from '../lib/machine.mjs'
import { openDatabases } from '../lib/databases.mjs'
import { printRow, resultCells, RESULT_COLUMNS } from '../lib/table.mjs'
import { parseOptions, USAGE } from './options.mjs'
import { check, loadTargets, targetCells } from './targets.mjs'
import { writeSection } from './report.mjs'
import * as viewer from './scenarios/viewer.mjs'
import * as implicit from './scenarios/implicit.mjs'
import * as codeFlow from './scenarios/code-flow.mjs'
import * as catalog from './scenarios/catalog-queries.mjs'
import * as startup from './scenarios/startup.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '../..')
const servers = (name) => path.join(here, 'servers', `${name}.mjs`)

let opts
try {
  opts = parseOptions(process.argv.slice(2), root)
} catch (error) {
  console.error(error.message)
  process.exit(2)
}
if (opts.help) { console.log(USAGE); process.exit(0) }

const scenarios = [viewer, implicit, codeFlow, catalog, startup].filter((s) => !opts.only || s.name.includes(opts.only))
if (scenarios.length === 0) { console.error(`--only ${opts.only} matches no scenario (${[viewer, implicit, codeFlow, catalog, startup].map((s) => s.name).join(', ')})`); process.exit(2) }
const needs = new Set(scenarios.flatMap((s) => s.uses))

if (opts.build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: opts.kiroku, stdio: 'inherit' })
const checkouts = [{ label: 'kiroku', dir: opts.kiroku }, ...(opts.compare ? [{ label: `kiroku@${shortCommit(opts.compare)}`, dir: opts.compare }] : [])]
for (const c of checkouts) {
  if (!fs.existsSync(path.join(c.dir, 'dist/app/build-server.js'))) { console.error(`${c.dir} has no dist/: run npm run build there`); process.exit(2) }
  c.commit = shortCommit(c.dir)
}

const live = new Set()
const started = []
const meter = otherLoadMeter(() => ownTreeMicros([...live].map((s) => s.pid)))
const runStart = new Date()
const rows = []
const ratios = []
let databases
try {
  databases = await openDatabases(opts.database, opts.kiroku)
} catch (error) {
  console.error(`--database: ${error.message}`)
  process.exit(2)
}
const start = async (label, script, args, env) => {
  const server = await startChild(label, script, args, env)
  live.add(server)
  started.push(server)
  return server
}
const stopAll = async () => { for (const s of started.splice(0)) { await s.stop(); live.delete(s) } }

const env = {
  opts,
  catalog: opts.catalog,
  checkouts,
  databases,
  kirokus: [],
  peers: {},
  record(row) {
    rows.push(row)
    printRow(resultCells(row))
  },
  ratio: (name, value, target, op) => ratios.push(check(name, value, target, op)),
  load: (server, request, extra = {}) => loadPhase(server, request, { duration: opts.duration, connections: opts.connections, warmup: opts.warmup, ...extra }),
  seq: (server, makeRequest, options) => sequentialPhase(server, makeRequest, options),
  /** One request by hand before the load: the load must measure the answer it claims to. */
  async probe(server, { path: p, ...init }, ok) {
    const res = await fetch(server.url + p, { redirect: 'manual', ...init })
    const text = await res.text()
    if (!ok(res.status, text, res.headers)) throw new Error(`${server.label} ${p}: unexpected answer HTTP ${res.status} ${res.headers.get('location') ?? text.slice(0, 200)}`)
  },
}

let failed = false
try {
  console.log(`Kiroku reference bench: ${checkouts.map((c) => `${c.label} = ${c.dir} (${c.commit})`).join('; ')}; ${databases.kind}; ${opts.duration} s per load phase after ${opts.warmup} s warm-up, ${opts.connections} connections`)
  // The catalog, once per checkout (its own migrations), into a template every server copies.
  const needsCatalog = needs.has('kiroku') || scenarios.includes(startup)
  for (const c of checkouts) {
    c.template = await databases.fresh()
    if (!needsCatalog) continue
    const t = Date.now()
    const prep = await startChild(`${c.label} prepare`, servers('kiroku'), ['--kiroku', c.dir, '--database', c.template, '--prepare', '--media', String(opts.catalog.media), '--lists', opts.catalog.lists.join(',')])
    await prep.stop()
    console.log(`${c.label}: catalog of ${opts.catalog.media} works and lists of ${opts.catalog.lists.join(' and ')} entries prepared in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }
  if (needs.has('kiroku')) {
    for (const c of checkouts) {
      const args = ['--kiroku', c.dir, '--database', await databases.copyOf(c.template), ...(opts.statements ? ['--count-statements'] : [])]
      env.kirokus.push({ label: c.label, server: await start(c.label, servers('kiroku'), args) })
    }
  }
  if (needs.has('bare')) env.peers.bare = await start('bare', servers('bare'), ['--kiroku', opts.kiroku])
  if (needs.has('oidc')) env.peers.oidc = await start('oidc-provider', servers('oidc-provider'), [])
  if (needs.has('jmondi')) env.peers.jmondi = await start('jmondi', servers('jmondi'), ['--kiroku', opts.kiroku])

  printRow(RESULT_COLUMNS)
  for (const scenario of scenarios) {
    // Start-up runs with the load servers stopped: a quiet machine, as at a real start.
    if (scenario === startup) await stopAll()
    await scenario.run(env)
  }
  ratios.unshift(...env.kirokus.flatMap(({ label }) => loadTargets(rows, label)))
  console.log('\ntargets (ratios of this run):')
  for (const t of ratios) console.log(`  ${targetCells(t).join('  ')}`)
  const load = meter()
  console.log(`other processes: ${load.otherCores.toFixed(2)} cores busy on average; load average ${load.loadStart} → ${load.loadEnd}`)
  if (opts.write) {
    const file = writeSection({ root, opts, checkouts, databases, rows, ratios, load, runStart, argv: process.argv.slice(2) })
    console.log(`written to ${file}`)
  }
} catch (error) {
  failed = true
  console.error(error.stack ?? error)
} finally {
  await stopAll()
  await databases.cleanup()
}
process.exit(failed ? 1 : 0)
