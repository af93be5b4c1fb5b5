// What the run ran on, for BENCHMARKS.md: CPU model and cores, RAM, kernel, Node, the commit, and
// how busy the rest of the machine was (the load average and the CPU of every process but ours).
import os from 'node:os'
import fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import { machineBusyMicros } from './proc.mjs'

export function describeMachine() {
  const cpus = os.cpus()
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM`,
    kernel: `Linux ${os.release()}`,
    node: `Node ${process.version}`,
  }
}

export function shortCommit(dir) {
  try {
    const sha = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${sha}+changes` : sha
  } catch {
    return 'unknown'
  }
}

export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

/**
 * Tracks the machine's busy CPU against what this run's own processes (this one and its children,
 * read through `ownCpu()`) used: the rest is other people's load.
 */
export function otherLoadMeter(ownCpu) {
  const start = { busy: machineBusyMicros(), own: ownCpu(), wall: Date.now(), load: loadAverage() }
  return () => {
    const wallMicros = (Date.now() - start.wall) * 1000
    const others = machineBusyMicros() - start.busy - (ownCpu() - start.own)
    return { otherCores: Math.max(0, others) / wallMicros, loadStart: start.load, loadEnd: loadAverage() }
  }
}
