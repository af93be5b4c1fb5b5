// A server under test in a child process of its own, so that its CPU can be read from /proc/<pid>/stat
// apart from the load generator's. The child (bench/reference/servers/*.mjs) answers over the IPC
// channel: {type:'ready', url, fixtures} once listening; {type:'stats'} asks for its counters.
import { fork } from 'node:child_process'
import { cpuMicros, rssBytes } from './proc.mjs'

export async function startChild(label, script, args = [], env = {}) {
  const child = fork(script, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Node's own warnings (oidc-provider warns about Node 20) would clutter the table.
    execArgv: ['--no-warnings'],
  })
  const ready = await new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`${label}: the server exited (code ${code}) before it was ready`))
    child.once('exit', onExit)
    child.on('message', (message) => {
      if (message?.type === 'ready') { child.off('exit', onExit); resolve(message) }
      if (message?.type === 'error') { child.off('exit', onExit); reject(new Error(`${label}: ${message.message}`)) }
    })
  })
  let pendingStats = null
  child.on('message', (message) => { if (message?.type === 'stats' && pendingStats) { pendingStats(message); pendingStats = null } })
  return {
    label,
    pid: child.pid,
    url: ready.url,
    fixtures: ready.fixtures ?? {},
    cpu: () => cpuMicros(child.pid),
    rss: () => rssBytes(child.pid),
    /** The child's counters (statements executed), or null when it keeps none. */
    stats: () => new Promise((resolve) => {
      pendingStats = resolve
      child.send({ type: 'stats' })
      setTimeout(() => { if (pendingStats === resolve) { pendingStats = null; resolve(null) } }, 2000)
    }),
    stop: () => new Promise((resolve) => {
      // A child ended by a signal has no exit code but a signal code: it is gone all the same.
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    }),
  }
}

/** For a server script: report readiness (or a failure) to the parent, and exit when it goes. */
export function announce(url, fixtures, stats = () => null) {
  process.on('message', (message) => { if (message?.type === 'stats') process.send({ type: 'stats', ...(stats() ?? {}) }) })
  process.on('disconnect', () => process.exit(0))
  process.send({ type: 'ready', url, fixtures })
}

export function announceFailure(error) {
  process.send?.({ type: 'error', message: error?.stack ?? String(error) })
  process.exit(1)
}
