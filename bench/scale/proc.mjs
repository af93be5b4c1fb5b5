// CPU time of processes read from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms), so that
// each server's cost is measured apart from the load generator that shares the machine's cores.
// PostgreSQL runs one process per connection plus helpers, all named `postgres`: their sum is the
// server's cost, and the backends of one database (pg_stat_activity) plus the helpers are that
// database's when other databases on the same server are busy too. A backend that exits between two readings takes its ticks with it (the pools
// here keep their connections, so none should).
import fs from 'node:fs'

const TICK_US = 10_000 // CLK_TCK is 100 on Linux x86-64: one tick is 10 ms

/** The comm and utime+stime (µs) of one process, or null once it is gone. */
function readStat(pid) {
  let text
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // comm is in parentheses and may hold spaces: the fields that follow start after the last ')'.
  const close = text.lastIndexOf(')')
  const comm = text.slice(text.indexOf('(') + 1, close)
  const fields = text.slice(close + 2).split(' ')
  // After comm: state is field 3 of stat(5), utime 14 and stime 15, i.e. offsets 11 and 12 here.
  return { comm, cpuUs: (Number(fields[11]) + Number(fields[12])) * TICK_US }
}

/** CPU µs used so far by one process (0 if it is gone). */
export function processCpuUs(pid) {
  return readStat(pid)?.cpuUs ?? 0
}

/** CPU µs used so far by each of these processes still running, by pid (a gone one is absent). */
export function processesCpuUs(pids) {
  const out = new Map()
  for (const pid of pids) {
    const stat = readStat(pid)
    if (stat) out.set(pid, stat.cpuUs)
  }
  return out
}

/** CPU µs used so far by every process named `postgres`, by pid. */
export function postgresCpuUs() {
  const out = new Map()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = readStat(entry)
    if (stat?.comm === 'postgres') out.set(Number(entry), stat.cpuUs)
  }
  return out
}

/**
 * Context switches so far: voluntary ones are the process waiting (an event loop going back to
 * epoll with nothing left to do: one wake-up each), involuntary ones the scheduler taking the core
 * away (more runnable processes than cores).
 */
export function contextSwitches(pid) {
  let text = ''
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return { voluntary: 0, involuntary: 0 }
  }
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0)
  return { voluntary: field('voluntary_ctxt_switches'), involuntary: field('nonvoluntary_ctxt_switches') }
}

/** Total CPU µs of the whole machine (every core, busy time only), from /proc/stat. */
export function machineBusyUs() {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n')
  const [user, nice, system, , , irq, softirq, steal] = cpu.trim().split(/\s+/).slice(1).map(Number)
  return (user + nice + system + irq + softirq + steal) * TICK_US
}
