// Starting and stopping run.mjs's child processes (instances and proxies) over IPC: each announces
// {type:'ready', url} or {type:'failed', message}; an instance answers {type:'stats'} requests.
import { fork } from 'node:child_process'

const READY_TIMEOUT_MS = 60_000
const running = new Set()

/** Forks `script` and waits for its ready message; returns { url, pid, child, stats() }. */
export function start(script, args, env, label) {
  const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  running.add(child)
  child.on('exit', () => running.delete(child))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS)
    child.once('exit', (code) => reject(new Error(`${label}: exited with ${code} before it was ready`)))
    child.once('message', (message) => {
      clearTimeout(timer)
      if (message?.type !== 'ready') return reject(new Error(`${label}: ${message?.message ?? 'failed to start'}`))
      resolve({ label, url: message.url, pid: child.pid, child, stats: (options) => askStats(child, options) })
    })
  })
}

function askStats(child, { resetPeak = false } = {}) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message?.type !== 'stats') return
      child.off('message', onMessage)
      resolve({ statements: message.statements, requests: message.requests, inflight: message.inflight, poolOpen: message.poolOpen, poolPeak: message.poolPeak })
    }
    child.on('message', onMessage)
    child.send({ type: 'stats', resetPeak })
  })
}

/** Ends every child still running (SIGTERM, then SIGKILL after 5 s) and waits for them. */
export async function stopAll() {
  await Promise.all([...running].map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => { clearTimeout(kill); resolve() })
    child.kill('SIGTERM')
  })))
}

/** Kills every child at once, for a signal handler that cannot wait. */
export function killAll() {
  for (const child of running) child.kill('SIGKILL')
}
