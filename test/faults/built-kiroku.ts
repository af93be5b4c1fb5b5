/**
 * The real `kiroku` command, built from this tree into a private directory and run as a child process:
 * what an operator runs, so that a kill signal hits the real process, not a test's event loop.
 */
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface BuiltKiroku {
  /** The built bin/kiroku.js. */
  bin: string
  /** Removes the build. */
  remove(): void
}

/**
 * Compiles src/ into node_modules/.cache/<name>-<pid> (inside the project, so that imports find
 * node_modules; never dist/, which a developer or another test run may be building at the same time).
 */
export function buildKiroku(name: string): BuiltKiroku {
  const build = path.join(root, 'node_modules', '.cache', `${name}-${process.pid}`)
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(build, 'dist'), '--tsBuildInfoFile', path.join(build, '.tsbuildinfo'), '--sourceMap', 'false'], { cwd: root, stdio: 'pipe' })
  execFileSync(process.execPath, [path.join(root, 'scripts/copy-assets.mjs'), path.join(build, 'dist')], { cwd: root, stdio: 'pipe' })
  const bin = path.join(build, 'bin', 'kiroku.js')
  fs.mkdirSync(path.dirname(bin), { recursive: true })
  fs.copyFileSync(path.join(root, 'bin/kiroku.js'), bin)
  // Under node_modules/ Node looks no further up for a package.json: say these files are ES modules.
  fs.writeFileSync(path.join(build, 'package.json'), '{"type":"module"}\n')
  return { bin, remove: () => fs.rmSync(build, { recursive: true, force: true }) }
}

export interface ServeProcess {
  child: ChildProcess
  /** Where it listens, e.g. http://127.0.0.1:40123. */
  address: string
  /** Settles with [exit code, signal] when the process has ended. */
  exited: Promise<[number | null, NodeJS.Signals | null]>
}

/** Starts `kiroku serve` on `databaseUrl` and a free port; resolves once it listens. */
export async function startServeProcess(bin: string, databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const fullEnv = { ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' }
  const child = spawn(process.execPath, [bin, 'serve'], { env: fullEnv, stdio: ['ignore', 'ignore', 'pipe'] })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  let stderr = ''
  child.stderr!.setEncoding('utf8')
  const address = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk
      const found = /Kiroku listening on (\S+) /.exec(stderr)?.[1]
      if (found) resolve(found)
    })
    child.once('exit', (code, signal) => reject(new Error(`serve exited (${code ?? signal}) before listening: ${stderr}`)))
  })
  return { child, address, exited }
}

/** Ends the process with SIGKILL unless it has already ended, and waits for that. */
export async function killProcess(serve: ServeProcess): Promise<void> {
  if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL')
  await serve.exited
}
