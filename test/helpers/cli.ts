/** Runs the `kiroku` command in-process with captured output, and gives each test its own SQLite file. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { CliIo } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

export interface FakeIo extends CliIo {
  out: string
  err: string
  /** What `serve` logged (the lines it would write to standard output). */
  logs: string
  /** Resolves when a command waits to be stopped (`serve` is then listening, and has printed all it prints). */
  readonly waiting: Promise<void>
  /** What SIGINT would do to a waiting `serve`. */
  stop(): void
}

/** A CliIo whose stdin holds `stdin` and whose output is collected in `out`, `err` and `logs`; `stdoutIsTTY` and `stderrIsTTY` play a terminal. */
export function fakeIo(stdin = '', stdoutIsTTY = false, stderrIsTTY = false): FakeIo {
  let markWaiting!: () => void
  let stopRequested!: (signal: string) => void
  const stopped = new Promise<string>((resolve) => (stopRequested = resolve))
  const io: FakeIo = {
    out: '',
    err: '',
    logs: '',
    stdoutIsTTY,
    stderrIsTTY,
    waiting: new Promise<void>((resolve) => (markWaiting = resolve)),
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    log: (text) => void (io.logs += text),
    readStdin: async () => stdin,
    untilStopped: () => {
      markWaiting()
      return stopped
    },
    stop: () => stopRequested('SIGINT'),
  }
  return io
}

export interface CliRun {
  code: number
  out: string
  err: string
}

/** Runs `kiroku ...argv` to completion. */
export async function runCli(argv: string[], stdin = ''): Promise<CliRun> {
  const io = fakeIo(stdin)
  const code = await main(argv, io)
  return { code, out: io.out, err: io.err }
}

export interface Serving {
  io: FakeIo
  /** The address printed on the "listening" line. */
  address: string
  /** Asks `serve` to stop, as SIGINT would, and resolves to its exit code. */
  stop(): Promise<number>
}

/** Runs `kiroku serve …flags` until it is listening (it has then printed everything it prints at start). */
export async function startServe(flags: string[], options: { stdoutIsTTY?: boolean; stderrIsTTY?: boolean } = {}): Promise<Serving> {
  const io = fakeIo('', options.stdoutIsTTY, options.stderrIsTTY)
  const exit = main(['serve', ...flags], io)
  // A start-up failure settles `exit` instead of reaching the wait: report it rather than hang.
  const failed = exit.then((code) => {
    throw new Error(`serve exited with ${code} before listening: ${io.err}`)
  })
  failed.catch(() => {})
  await Promise.race([io.waiting, failed])
  // (ANSI emphasis, on a terminal, is not part of the address.)
  const address = /^Kiroku listening on (\S+) /m.exec(io.err.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]
  if (!address) throw new Error(`no listening line in: ${io.err}`)
  return {
    io,
    address,
    stop: async () => {
      io.stop()
      return exit
    },
  }
}

/** The authorize URL that `serve --demo` printed, if any. */
export function authorizeUrlIn(text: string): string | undefined {
  return /^Open this URL to authorize the Demo App:\n {2}(\S+)$/m.exec(text)?.[1]
}

/** A fresh directory under the system's temporary directory, and a way to remove it. */
export function tempDir(): { dir: string; file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-test-'))
  return { dir, file: (name) => path.join(dir, name), remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** Reads rows straight from a SQLite file, bypassing Kiroku, to see exactly what it stored. */
export function readRows(file: string, sql: string): Array<Record<string, unknown>> {
  const db = new SQLite(file, { readonly: true })
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}
