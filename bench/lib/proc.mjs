// Reads a process's CPU time and resident memory from /proc (Linux only): the server's own cost,
// whatever else shares the machine. CPU is utime+stime of every thread (crypto and argon2 run on
// libuv's pool), in clock ticks converted with `getconf CLK_TCK`.
import fs from 'node:fs'
import { execFileSync } from 'node:child_process'

export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/** CPU time of `pid` in microseconds (user + system, all threads). */
export function cpuMicros(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(rest[11]) + Number(rest[12]) // fields 14 (utime) and 15 (stime)
  return (ticks * 1e6) / CLK_TCK
}

/** VmRSS of `pid` in bytes. */
export function rssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status)
  if (!match) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1]) * 1024
}

/** Busy CPU of the whole machine, in microseconds, from /proc/stat (user+nice+system+irq+softirq+steal). */
export function machineBusyMicros() {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const [user, nice, system, , , irq, softirq, steal] = line
  return ((user + nice + system + irq + softirq + steal) * 1e6) / CLK_TCK
}

/** This process's CPU plus its reaped children's (cutime, cstime) plus that of the live `pids`. */
export function ownTreeMicros(pids) {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8')
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const self = ((Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * 1e6) / CLK_TCK
  let live = 0
  for (const pid of pids) {
    try { live += cpuMicros(pid) } catch { /* exited since: counted in cutime once reaped */ }
  }
  return self + live
}
