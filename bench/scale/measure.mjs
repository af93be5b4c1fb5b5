// One measured load: a warm-up, then autocannon for the measured window with every process's CPU read
// from /proc before and after, the instances' statement and request counters, PostgreSQL's
// transactions, and the server connections to the database sampled every 500 ms during the load.
// Readings are taken only once no request is in flight on the instances: autocannon stops sending at
// the end of its duration without waiting for answers, and a 1,000-entry list still being built
// would otherwise land in the next window. Per-request figures divide by the requests the instances
// received in the window (each of which finished inside it).
import autocannon from 'autocannon'
import { contextSwitches, machineBusyUs, postgresCpuUs, processesCpuUs, processCpuUs } from './proc.mjs'

const SAMPLE_MS = 500
// The statistics collector publishes a backend's counts when it goes idle, at most once a second.
const STATS_SETTLE_MS = 1200
const QUIET_TIMEOUT_MS = 30_000
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until every instance has answered all it received; returns their counters then. */
async function quiet(instances) {
  const until = Date.now() + QUIET_TIMEOUT_MS
  for (;;) {
    const stats = await Promise.all(instances.map((i) => i.stats()))
    if (stats.every((s) => s.inflight === 0)) return stats
    if (Date.now() > until) throw new Error('requests still in flight 30 s after the load stopped')
    await sleep(50)
  }
}

async function snapshot(target, pgStats) {
  await quiet(target.instances)
  if (target.postgres) await sleep(STATS_SETTLE_MS)
  const counters = await Promise.all(target.instances.map((i) => i.stats()))
  return {
    instances: target.instances.map((i, k) => ({ cpuUs: processCpuUs(i.pid), ...counters[k] })),
    proxyCpuUs: target.proxy ? processCpuUs(target.proxy.pid) : 0,
    postgresAll: postgresCpuUs(),
    switches: [...target.instances.map((i) => i.pid), ...(target.proxy ? [target.proxy.pid] : [])].map(contextSwitches),
    postgresPids: target.postgres ? await pgStats.processIds() : [],
    self: process.cpuUsage(),
    pg: target.postgres ? await pgStats.transactions() : null,
  }
}

/**
 * CPU µs of the union of the two readings' PostgreSQL processes between them: one that started in
 * between counts from 0; one gone by the second reading (a pool closing an idle connection, after 10 s)
 * is left out, its last ticks lost with it.
 */
function postgresDelta(before, after) {
  let total = 0
  for (const [pid, cpuUs] of after) total += cpuUs - (before.get(pid) ?? 0)
  return total
}

/**
 * Loads `target` ({ url, instances, proxy, postgres }) with `request` (autocannon's request options);
 * returns rates, latencies and per-request costs of the measured window only.
 */
export async function measure(target, request, { connections, duration, warmup, pgStats }) {
  const load = (seconds) => autocannon({ url: target.url, connections, duration: seconds, ...request })
  if (warmup > 0) await load(warmup)
  const before = await snapshot(target, pgStats)
  // Each instance's pool peak starts again from the connections it holds now.
  await Promise.all(target.instances.map((i) => i.stats({ resetPeak: true })))
  let maxConnections = 0
  let pgPids = new Set(before.postgresPids)
  const sampler = target.postgres ? setInterval(() => {
    pgStats.connections().then((n) => { maxConnections = Math.max(maxConnections, n) }, () => {})
    // Backends opened during the load (a pool growing) are read too.
    pgStats.processIds().then((pids) => { for (const pid of pids) pgPids.add(pid) }, () => {})
  }, SAMPLE_MS) : null
  before.postgresCpu = processesCpuUs(pgPids)
  const machineBefore = machineBusyUs()
  const wallBefore = performance.now()
  const result = await load(duration)
  const machineUs = machineBusyUs() - machineBefore
  const wallUs = (performance.now() - wallBefore) * 1000
  if (sampler) clearInterval(sampler)
  const after = await snapshot(target, pgStats)
  for (const pid of after.postgresPids) pgPids.add(pid)
  after.postgresPids = [...pgPids]
  after.postgresCpu = processesCpuUs(pgPids)
  const served = after.instances.map((a, k) => a.requests - before.instances[k].requests)
  const requests = served.reduce((a, b) => a + b, 0)
  const per = (us) => (requests > 0 ? us / requests : 0)
  const statements = after.instances.reduce((sum, a, k) => sum + a.statements - before.instances[k].statements, 0)
  const selfUs = after.self.user + after.self.system - before.self.user - before.self.system
  const instancesUs = after.instances.reduce((sum, a, k) => sum + a.cpuUs - before.instances[k].cpuUs, 0)
  const proxyUs = after.proxyCpuUs - before.proxyCpuUs
  const postgresUs = target.postgres ? postgresDelta(before.postgresCpu, after.postgresCpu) : 0
  const switched = (kind) => after.switches.reduce((sum, a, k) => sum + a[kind] - before.switches[k][kind], 0)
  return {
    rps: result.requests.average,
    requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    // Each instance's CPU over the requests it served itself; the others over all requests.
    instanceCpu: after.instances.map((a, k) => (served[k] > 0 ? (a.cpuUs - before.instances[k].cpuUs) / served[k] : 0)),
    served,
    instancesCpuPerRequest: per(instancesUs),
    proxyCpu: per(proxyUs),
    postgresCpu: per(postgresUs),
    // Every process named postgres, other databases' backends included, for comparison.
    postgresAllCpu: target.postgres ? per(postgresDelta(before.postgresAll, after.postgresAll)) : 0,
    // Of the instances and the proxy together: event-loop wake-ups and preemptions per request.
    wakeups: per(switched('voluntary')),
    preemptions: per(switched('involuntary')),
    loaderCpu: per(selfUs),
    // Busy time of the whole machine during the load, in cores (2 = both cores busy throughout), and
    // the part of it this run's processes account for (the rest is other work on the machine).
    machineCores: machineUs / wallUs,
    ownCores: (instancesUs + proxyUs + postgresUs + selfUs) / wallUs,
    statementsPerRequest: per(statements),
    // The reader is connected to another database of the server: its own transactions are not in these.
    transactionsPerRequest: after.pg && before.pg ? per(after.pg.xacts - before.pg.xacts) : null,
    rowsPerRequest: after.pg && before.pg ? per(after.pg.returned - before.pg.returned) : null,
    maxConnections,
    // The most connections the instances' pools held at once, each counted in its own process.
    poolPeak: after.instances.reduce((sum, a) => sum + a.poolPeak, 0),
    poolOpenBefore: before.instances.reduce((sum, a) => sum + a.poolOpen, 0),
    poolOpenAfter: after.instances.reduce((sum, a) => sum + a.poolOpen, 0),
  }
}
