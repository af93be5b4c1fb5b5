// One measured load: a warm-up, then autocannon for the measured window with every process's CPU read
// from /proc before and after, the instances' statement and request counters, PostgreSQL's
// transactions, and the server connections to the database sampled every 500 ms during the load.
import autocannon from 'autocannon'
import { machineBusyUs, postgresCpuUs, processCpuUs } from './proc.mjs'

const SAMPLE_MS = 500
// The statistics collector publishes a backend's counts when it goes idle, at most once a second.
const STATS_SETTLE_MS = 1500
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function snapshot(target, pgStats) {
  const instances = await Promise.all(target.instances.map(async (i) => ({ cpuUs: processCpuUs(i.pid), ...(await i.stats()) })))
  return {
    instances,
    proxyCpuUs: target.proxy ? processCpuUs(target.proxy.pid) : 0,
    postgres: postgresCpuUs(),
    self: process.cpuUsage(),
    machineUs: machineBusyUs(),
    pg: pgStats ? await pgStats.transactions() : null,
  }
}

/**
 * Loads `target` ({ url, instances, proxy, postgres }) with `request` (autocannon's request options);
 * returns rates, latencies and per-request costs of the measured window only.
 */
export async function measure(target, request, { connections, duration, warmup, pgStats }) {
  const load = (seconds) => autocannon({ url: target.url, connections, duration: seconds, ...request })
  await load(warmup)
  if (target.postgres) await sleep(STATS_SETTLE_MS)
  const before = await snapshot(target, target.postgres ? pgStats : null)
  let maxConnections = 0
  const sampler = target.postgres ? setInterval(() => {
    pgStats.connections().then((n) => { maxConnections = Math.max(maxConnections, n) }, () => {})
  }, SAMPLE_MS) : null
  const result = await load(duration)
  if (sampler) clearInterval(sampler)
  if (target.postgres) await sleep(STATS_SETTLE_MS)
  const after = await snapshot(target, target.postgres ? pgStats : null)
  const requests = result.requests.total
  const per = (us) => (requests > 0 ? us / requests : 0)
  const served = after.instances.map((a, k) => a.requests - before.instances[k].requests)
  const statements = after.instances.reduce((sum, a, k) => sum + a.statements - before.instances[k].statements, 0)
  const selfUs = after.self.user + after.self.system - before.self.user - before.self.system
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
    instancesCpuPerRequest: per(after.instances.reduce((sum, a, k) => sum + a.cpuUs - before.instances[k].cpuUs, 0)),
    proxyCpu: per(after.proxyCpuUs - before.proxyCpuUs),
    postgresCpu: target.postgres ? per(after.postgres.cpuUs - before.postgres.cpuUs) : 0,
    loaderCpu: per(selfUs),
    // Busy time of the whole machine over the window, in cores (2 = both cores busy throughout).
    machineCores: (after.machineUs - before.machineUs) / (duration * 1e6),
    statementsPerRequest: statements / Math.max(1, served.reduce((a, b) => a + b, 0)),
    // The reader is connected to another database of the server: its own transactions are not in these.
    transactionsPerRequest: after.pg && before.pg ? per(after.pg.xacts - before.pg.xacts) : null,
    rowsPerRequest: after.pg && before.pg ? per(after.pg.returned - before.pg.returned) : null,
    maxConnections,
  }
}
