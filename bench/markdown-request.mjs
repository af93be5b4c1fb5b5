#!/usr/bin/env node
// One GraphQL request that renders a user's about 400 times (aliases of `User(name:"someone"){about(asHtml:true)}`),
// with a 3 KB about built to be hard on a renderer: how long the event loop is held, in ms (the first,
// cold request, then the median of several more); then 400 aliases of 400 users with different abouts,
// which no cache helps and the per-request budget (MAX_RENDERED_CHARS) cuts short.
// Usage: node bench/markdown-request.mjs [--aliases 400] [--runs 5]
// Builds first, then runs against dist/ on a throw-away SQLite database; nothing else is needed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback }
const aliases = Number(opt('--aliases', 400))
const runs = Number(opt('--runs', 5))

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const { buildServer } = await import(path.join(root, 'dist/app/build-server.js'))
const { loadConfig } = await import(path.join(root, 'dist/app/config.js'))
const { createUser } = await import(path.join(root, 'dist/accounts/users.js'))
const { updateProfile } = await import(path.join(root, 'dist/accounts/profiles.js'))

/** About texts of about 3 KB: unclosed emphasis, unclosed spoilers, and an ordinary one. */
const ABOUTS = {
  'unclosed _': '_a '.repeat(1000),
  'unclosed *': '*a '.repeat(1000),
  'unclosed ~!': '~!a '.repeat(750),
  'ordinary': 'I like **anime** and _manga_. ~!Spoiler!~ [my list](https://example.com/list)\n'.repeat(40),
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-bench-md-'))
const config = { ...loadConfig({ database: path.join(dir, 'bench.db'), port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'silent' }
const app = await buildServer(config)
const ctx = app.kiroku
const user = await createUser(ctx.db, ctx.clock, { name: 'someone', password: 'bench-password' })
const query = `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: User(name: "someone") { about(asHtml: true) }`).join(' ')} }`
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Median ms of `runs` requests after a first one, which is reported apart (it renders into a cold cache). */
async function time(query) {
  const times = []
  let first
  let last
  for (let run = 0; run <= runs; run++) {
    const started = process.hrtime.bigint()
    last = await app.inject({ method: 'POST', url: '/graphql', payload: { query } })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (run === 0) first = ms
    else times.push(ms)
  }
  const body = last.json()
  const errors = body.errors?.length ?? 0
  return `first ${first.toFixed(1).padStart(7)} ms, then ${median(times).toFixed(1).padStart(7)} ms  HTTP ${last.statusCode}  ${errors} error(s)${errors ? `: ${body.errors[0].message}` : ''}`
}

// Warm the server (JIT, query parsing, a first render) on a text no scenario uses.
await updateProfile(ctx.db, ctx.clock, user.id, { about: 'warm-up **text**' })
for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/graphql', payload: { query } })

console.log(`${aliases} aliases of about(asHtml: true), median of ${runs} runs after the first, Node ${process.version}`)
console.log('one user, the same about in every alias:')
for (const [name, about] of Object.entries(ABOUTS)) {
  await updateProfile(ctx.db, ctx.clock, user.id, { about })
  console.log(`  ${name.padEnd(12)} ${String(about.length).padStart(5)} chars  ${await time(query)}`)
}

// Each alias a different user with a different about: no render can be reused within the request.
const names = Array.from({ length: aliases }, (_, i) => `user${i}`)
for (const [i, name] of names.entries()) {
  const row = await ctx.db.insertInto('users')
    .values({ name, name_key: name, email: `${name}@bench.test`, password_hash: 'not-a-hash', created_at: 0, updated_at: 0 })
    .returning('id').executeTakeFirstOrThrow()
  await updateProfile(ctx.db, ctx.clock, row.id, { about: `${i} ${ABOUTS['unclosed _']}`.slice(0, 3000) })
}
const distinct = `{ ${names.map((name, i) => `a${i}: User(name: "${name}") { about(asHtml: true) }`).join(' ')} }`
console.log(`${aliases} users, a different 3 KB about (unclosed _) in each alias:`)
// The same request without rendering first: what parsing, checking, loading and answering cost alone.
console.log(`  asHtml: false  ${await time(distinct.replaceAll('asHtml: true', 'asHtml: false'))}`)
console.log(`  asHtml: true   ${await time(distinct)}`)
await app.close()
fs.rmSync(dir, { recursive: true, force: true })
