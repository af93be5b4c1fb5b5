// The run's results as rows, printed as they come and written as Markdown tables at the end.

const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–'),
  ms: (n) => (Number.isFinite(n) ? (n >= 10 ? n.toFixed(1) : n.toFixed(2)) : '–'),
  stmts: (n) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(1)),
}

export const RESULT_COLUMNS = ['scenario', 'server', 'ops/s', 'p50 ms', 'p99 ms', 'CPU µs/op', 'statements/op', 'failed', 'note']

/** A result row's cells, in RESULT_COLUMNS' order. */
export function resultCells(row) {
  return [row.scenario, row.server, fmt.int(row.rate), fmt.ms(row.p50), fmt.ms(row.p99), fmt.int(row.cpuPerOp), fmt.stmts(row.statements), String(row.bad ?? 0), row.note ?? '']
}

export function printRow(cells, widths = [34, 30, 9, 8, 8, 10, 13, 7]) {
  console.log(cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : i < widths.length ? String(c).padStart(widths[i]) : ` ${c}`)).join(' '))
}

export function markdownTable(columns, rows) {
  const escape = (c) => String(c).replaceAll('|', '\\|')
  return [
    `| ${columns.join(' | ')} |`,
    `|${columns.map((_, i) => (i < 2 || i === columns.length - 1 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ].join('\n')
}

export { fmt }
