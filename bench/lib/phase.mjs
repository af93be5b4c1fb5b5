// One load phase against one child server: autocannon from this process for a warm-up that is not
// counted, then the measured run with the server's CPU read from /proc before and after.
// `ops` tells how many operations a run made (default: responses); a flow of two requests counts once.
import autocannon from 'autocannon'

function cannon(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
    // autocannon keeps its own progress output off when no one tracks it.
    void instance
  })
}

/**
 * request: autocannon options for one request ({method, path, headers, body}) or {requests: [...]}.
 * Returns req/s (or ops/s), latency p50/p99 in ms, server CPU µs per op, and the error counts.
 */
export async function loadPhase(server, request, { duration, connections, warmup = 2, counter } = {}) {
  // autocannon honours `path` only inside `requests` (a top-level one is ignored and `/` is asked):
  // a single request is therefore always given as a one-element `requests`.
  const base = { url: server.url, connections, requests: request.requests ?? [request] }
  if (warmup > 0) await cannon({ ...base, duration: warmup })
  counter?.reset()
  const before = server.cpu()
  const beforeStats = await server.stats()
  const result = await cannon({ ...base, duration })
  const cpu = server.cpu() - before
  const afterStats = await server.stats()
  const ops = counter ? counter.count() : result.requests.total
  const statements = beforeStats?.statements !== undefined && afterStats?.statements !== undefined && ops > 0
    ? (afterStats.statements - beforeStats.statements) / ops
    : null
  return {
    ops,
    rate: ops / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerOp: ops > 0 ? cpu / ops : NaN,
    cores: cpu / (duration * 1e6),
    // 2xx and 3xx are the answers every scenario expects; anything else is reported as a failure.
    bad: result.non2xx - (result['3xx'] ?? 0) + result.errors + result.timeouts,
    statements,
  }
}

/** Counts completed operations (flows) from an onResponse hook. */
export function makeCounter() {
  let n = 0
  return { hit: () => { n++ }, reset: () => { n = 0 }, count: () => n }
}
