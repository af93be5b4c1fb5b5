// The scale run's table (markdown, printed and optionally appended to bench/BENCHMARKS.md) from the
// medians of the rounds' measurements, with the 3-instance / 1-instance throughput ratio of each round.
import fs from 'node:fs'

// Of an even count, the mean of the two middle values (with 2 rounds: their mean, not the larger).
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const int = (x) => Math.round(x).toLocaleString('en-US')
const fixed = (x, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits))

/** The median of every field over the rounds of one (scenario, target). */
function summarize(runs) {
  const of = (field) => median(runs.map((r) => r[field]))
  const instanceCpu = runs[0].instanceCpu.map((_, k) => median(runs.map((r) => r.instanceCpu[k])))
  return {
    rps: of('rps'), p50: of('p50'), p99: of('p99'), instanceCpu, instancesCpuPerRequest: of('instancesCpuPerRequest'),
    proxyCpu: of('proxyCpu'), postgresCpu: of('postgresCpu'), loaderCpu: of('loaderCpu'), machineCores: of('machineCores'), ownCores: of('ownCores'), postgresAllCpu: of('postgresAllCpu'),
    statementsPerRequest: of('statementsPerRequest'), transactionsPerRequest: runs[0].transactionsPerRequest === null ? null : of('transactionsPerRequest'),
    rowsPerRequest: runs[0].rowsPerRequest === null ? null : of('rowsPerRequest'), maxConnections: Math.max(...runs.map((r) => r.maxConnections)), poolPeak: Math.max(...runs.map((r) => r.poolPeak)), wakeups: of('wakeups'), preemptions: of('preemptions'),
    failures: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0), rounds: runs.map((r) => r.rps),
  }
}

const HEADER = ['scenario', 'target', 'req/s (rounds)', 'p50 / p99 ms', 'Kiroku CPU µs/req (each instance)', 'proxy µs/req', 'PostgreSQL µs/req (all databases)', 'autocannon µs/req', 'cores busy: ours / machine', 'wake-ups / preemptions per req', 'statements/req', 'PG xacts/req', 'PG rows/req', 'pool conns peak (PG sessions)', 'errors + non-2xx']

function row(scenario, target, s, postgres) {
  const each = s.instanceCpu.length > 1 ? `${int(s.instancesCpuPerRequest)} (${s.instanceCpu.map(int).join(' / ')})` : int(s.instancesCpuPerRequest)
  return [
    scenario, target, `${int(s.rps)} (${s.rounds.map(int).join(', ')})`, `${fixed(s.p50, 1)} / ${fixed(s.p99, 1)}`, each,
    s.proxyCpu > 0 ? int(s.proxyCpu) : '–', postgres ? `${int(s.postgresCpu)} (${int(s.postgresAllCpu)})` : '–', int(s.loaderCpu), `${fixed(s.ownCores, 2)} / ${fixed(s.machineCores, 2)}`, `${fixed(s.wakeups, 2)} / ${fixed(s.preemptions, 2)}`,
    fixed(s.statementsPerRequest, 3), postgres ? fixed(s.transactionsPerRequest, 3) : '–', postgres ? fixed(s.rowsPerRequest, 0) : '–',
    postgres ? `${s.poolPeak} (${s.maxConnections})` : '–', String(s.failures),
  ]
}

/**
 * `results`: [{ round, scenario, target, postgres, run }]. Returns { table, ratios } as markdown lines,
 * ratios being proxy→3 over proxy→1 throughput per scenario, per round and as their median.
 */
export { median }

export function buildReport(results, { oneLabel, threeLabel }) {
  const groups = new Map()
  for (const r of results) {
    const key = `${r.scenario}\u0000${r.target}`
    if (!groups.has(key)) groups.set(key, { scenario: r.scenario, target: r.target, postgres: r.postgres, runs: [] })
    groups.get(key).runs.push(r.run)
  }
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`]
  for (const g of groups.values()) lines.push(`| ${row(g.scenario, g.target, summarize(g.runs), g.postgres).join(' | ')} |`)
  const ratios = []
  for (const scenario of new Set(results.map((r) => r.scenario))) {
    const perRound = [...new Set(results.map((r) => r.round))].map((round) => {
      const find = (target) => results.find((r) => r.round === round && r.scenario === scenario && r.target === target)?.run.rps
      return find(threeLabel) / find(oneLabel)
    })
    ratios.push({ scenario, perRound, median: median(perRound) })
  }
  return { table: lines, ratios }
}

/** Appends the section to BENCHMARKS.md, after whatever the file holds. */
export function appendSection(file, lines) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  const separator = existing === '' || existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n'
  fs.appendFileSync(file, `${separator}${lines.join('\n')}\n`)
}
