// Requests one at a time over one connection: the latency of the work itself, with no queueing.
// Server CPU per request from /proc, as for the load phases.

const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

/**
 * makeRequest(i) → {path, method, headers, body}; check(status, body) throws on a wrong answer.
 * Returns median, p99 and mean in ms, and server CPU µs per request.
 */
export async function sequentialPhase(server, makeRequest, { requests, warmup = 10, check }) {
  const send = async (i) => {
    const { path, ...init } = makeRequest(i)
    const res = await fetch(server.url + path, init)
    const text = await res.text()
    if (check) check(res.status, text)
    else if (res.status !== 200) throw new Error(`${server.label} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`)
  }
  for (let i = 0; i < warmup; i++) await send(-1 - i)
  const times = []
  const before = server.cpu()
  for (let i = 0; i < requests; i++) {
    const t = performance.now()
    await send(i)
    times.push(performance.now() - t)
  }
  const cpu = server.cpu() - before
  const mean = times.reduce((a, b) => a + b, 0) / times.length
  times.sort((a, b) => a - b)
  return { ops: requests, p50: at(times, 0.5), p99: at(times, 0.99), mean, cpuPerOp: cpu / requests }
}
