// Start-up and idle memory of the real command: the time from spawning `node bin/kiroku.js serve
// --port 0 --database <db>` to the first 200 from /readyz (the database answers too), median of 5,
// on a fresh database (migrations included) and on a copy of the catalog's; then VmRSS after 5 s idle.
import path from 'node:path'
import { spawn } from 'node:child_process'
import { rssBytes } from '../../lib/proc.mjs'

export const name = 'startup'
export const uses = []

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function startOnce(dir, database, { idleMs = 0 } = {}) {
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(dir, 'bin/kiroku.js'), 'serve', '--port', '0', '--database', database], {
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  try {
    let stderr = ''
    let listeningMs = NaN
    const url = await new Promise((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk
        const match = /Kiroku listening on (http:\/\/\S+)/.exec(stderr)
        if (match) { listeningMs = performance.now() - started; resolve(match[1]) }
      })
      child.once('exit', (code) => reject(new Error(`kiroku serve exited (${code}) before listening: ${stderr.slice(0, 300)}`)))
    })
    for (;;) {
      const res = await fetch(`${url}/readyz`).catch(() => null)
      if (res?.status === 200) { await res.arrayBuffer(); break }
      await res?.arrayBuffer()
      if (performance.now() - started > 30_000) throw new Error('not ready within 30 s')
      await sleep(5)
    }
    const readyMs = performance.now() - started
    let rss = null
    if (idleMs > 0) { await sleep(idleMs); rss = rssBytes(child.pid) }
    return { readyMs, listeningMs, rss }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function run(env) {
  for (const { label, dir, template } of env.checkouts) {
    for (const [what, database] of [['fresh database', () => env.databases.fresh()], [`${env.catalog.media.toLocaleString('en-US')}-work database`, () => env.databases.copyOf(template)]]) {
      const runs = []
      for (let i = 0; i < 5; i++) runs.push(await startOnce(dir, await database()))
      const times = runs.map((r) => r.readyMs)
      const ready = median(times)
      // Where the time goes, roughly: up to the "listening" line (Node, imports, migrations, keys) and after.
      const listening = median(runs.map((r) => r.listeningMs))
      env.record({ scenario: `start-up to ready, ${what}`, server: label, p50: ready, note: `median of 5: ${times.map((t) => t.toFixed(0)).join(', ')} ms; listening after ${listening.toFixed(0)} ms` })
      env.ratio(`ready ms, ${what} (${label})`, ready, 1000, '<')
      const { rss } = await startOnce(dir, await database(), { idleMs: 5000 })
      env.record({ scenario: `idle RSS after 5 s, ${what}`, server: label, note: `${(rss / 2 ** 20).toFixed(1)} MB` })
      env.ratio(`idle RSS MB, ${what} (${label})`, rss / 2 ** 20, 100, '<')
    }
  }
}
