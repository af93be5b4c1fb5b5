// The run's section of bench/BENCHMARKS.md: date, commits, machine, the exact command, the other
// processes' load, the results and the targets.
import fs from 'node:fs'
import path from 'node:path'
import { describeMachine } from '../lib/machine.mjs'
import { markdownTable, resultCells, RESULT_COLUMNS } from '../lib/table.mjs'
import { targetCells } from './targets.mjs'

export function writeSection({ root, opts, checkouts, databases, rows, ratios, load, runStart, argv }) {
  const m = describeMachine()
  const when = runStart.toISOString().slice(0, 16).replace('T', ' ')
  const passed = ratios.filter((t) => t.pass).length
  const lines = [
    '',
    `## Reference, ${when} UTC: ${passed} of ${ratios.length} targets met`,
    '',
    `${checkouts.map((c) => `${c.label}: commit ${c.commit}`).join('; ')}; ${m.cpu}, ${m.ram}, ${m.kernel}, ${m.node}.`,
    `Command: \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\` (bench/reference/run.mjs). ${databases.kind}; every server in a child`,
    `process of its own, CPU per operation from /proc/<pid>/stat (utime+stime of all its threads) over the measured`,
    `phase; autocannon in the parent, ${opts.connections} connections, ${opts.duration} s after ${opts.warmup} s of warm-up. One-at-a-time rows: ${opts.catalog.sequentialRequests} requests`,
    `(lists: a quarter of that) over one connection, ops/s = 1000 / mean ms. Catalog: ${opts.catalog.media.toLocaleString('en-US')} generated works (bench/reference/catalog.mjs).`,
    ...(databases.kind === 'PostgreSQL' ? ['PostgreSQL\'s own CPU (its backends are other processes) is not in the Kiroku rows\' CPU per operation; it is in "other processes".'] : []),
    `Other processes: ${load.otherCores.toFixed(2)} cores busy on average during the run; load average ${load.loadStart} → ${load.loadEnd}.`,
    '',
    markdownTable(RESULT_COLUMNS, rows.map(resultCells)),
    '',
    markdownTable(['target (ratio in this run)', 'value', 'target', ''], ratios.map(targetCells)),
    '',
  ]
  const file = path.join(root, 'bench/BENCHMARKS.md')
  fs.appendFileSync(file, lines.join('\n'))
  return file
}
