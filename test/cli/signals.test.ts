/**
 * The real process: `kiroku serve` (built, as installed) stops on SIGTERM and on SIGINT, finishing
 * what it serves, and exits 0 by itself (nothing left running keeps it alive).
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../helpers/database.js'
import { tempDir } from '../helpers/cli.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// A private build (inside the project, so that its imports find node_modules), not dist/: two test
// runs at once must not build over each other, nor over the developer's own build.
const build = path.join(root, 'node_modules', '.cache', `kiroku-signals-${process.pid}`)
const bin = path.join(build, 'bin', 'kiroku.js')

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(build, 'dist'), '--tsBuildInfoFile', path.join(build, '.tsbuildinfo'), '--sourceMap', 'false'], { cwd: root, stdio: 'pipe' })
  execFileSync(process.execPath, [path.join(root, 'scripts/copy-assets.mjs'), path.join(build, 'dist')], { cwd: root, stdio: 'pipe' })
  fs.mkdirSync(path.dirname(bin), { recursive: true })
  fs.copyFileSync(path.join(root, 'bin/kiroku.js'), bin)
  // Under node_modules/ Node looks no further up for a package.json: say these files are ES modules.
  fs.writeFileSync(path.join(build, 'package.json'), '{"type":"module"}\n')
}, 120_000)
afterAll(() => fs.rmSync(build, { recursive: true, force: true }))

let tmp: ReturnType<typeof tempDir>
let database: TestDatabase
beforeAll(async () => {
  tmp = tempDir()
  database = TEST_DIALECT === 'sqlite' ? { url: `sqlite:${tmp.file('kiroku.db')}`, drop: async () => {} } : await createTestDatabase()
})
afterAll(async () => {
  await database.drop()
  tmp.remove()
})

// A test that fails half-way must not leave its server running.
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** Starts `kiroku serve` in its own process; resolves once it listens. */
async function serve(extraEnv: NodeJS.ProcessEnv = {}) {
  const env = { ...process.env, LOG_LEVEL: 'silent', LOG_FORMAT: '', DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', ...extraEnv }
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stderr = ''
  let stdout = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => void (stdout += chunk))
  child.stderr.setEncoding('utf8')
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      const address = /Kiroku listening on (\S+) /.exec(stderr)?.[1]
      if (address) resolve(address)
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${stderr}`)))
  })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  return { child, address: await listening, exited, stderr: () => stderr, stdout: () => stdout }
}

describe(`kiroku serve as a process, on ${TEST_DIALECT}`, () => {
  it('logs JSON lines to a standard output that is a pipe, not a terminal', async () => {
    const server = await serve({ LOG_LEVEL: 'info' })
    expect((await fetch(`${server.address}/healthz`)).status).toBe(200)
    server.child.kill('SIGTERM')
    await server.exited
    const lines = server.stdout().split('\n').filter((line) => line !== '')
    expect(lines.length).toBeGreaterThan(0)
    const records = lines.map((line) => JSON.parse(line) as { msg?: string; level?: number })
    for (const record of records) expect(typeof record.level).toBe('number')
    expect(records.some((r) => r.msg?.startsWith('Server listening at'))).toBe(true)
  })

  it('on SIGTERM finishes the request in flight, then exits 0 without waiting out keep-alive connections', async () => {
    const server = await serve()
    const port = Number(new URL(server.address).port)
    // A request in flight: its headers are in (the server has answered 100 Continue), its body is not.
    const socket = net.connect(port, '127.0.0.1')
    socket.setEncoding('utf8')
    let received = ''
    socket.on('data', (chunk: string) => void (received += chunk))
    const ended = once(socket, 'close')
    await once(socket, 'connect')
    const body = 'grant_type=refresh_token&refresh_token=nope&client_id=1&client_secret=nope'
    socket.write(`POST /api/v2/oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`)
    await until(() => received.includes('100 Continue'))

    server.child.kill('SIGTERM')
    await until(() => server.stderr().includes('SIGTERM received: finishing in-flight requests and shutting down'))
    socket.write(body)
    await ended
    // Answered in full (no such client: 401 invalid_client), then the process exits by itself.
    expect(received).toMatch(/HTTP\/1\.1 401 Unauthorized\r\n/)
    expect(received).toContain('"error":"invalid_client"')
    const [code, killedBy] = await server.exited
    expect(killedBy).toBeNull()
    expect(code).toBe(0)
  })

  it('on SIGINT (Ctrl-C) says so, closes an idle keep-alive connection and exits 0', async () => {
    const server = await serve()
    // fetch keeps its connection open for reuse: it is idle when the signal arrives.
    expect((await fetch(`${server.address}/healthz`)).status).toBe(200)
    server.child.kill('SIGINT')
    const [code, killedBy] = await server.exited
    expect(killedBy).toBeNull()
    expect(code).toBe(0)
    expect(server.stderr()).toContain('SIGINT received: finishing in-flight requests and shutting down')
    await expect(fetch(`${server.address}/healthz`)).rejects.toThrow()
  })
})

/** Waits for something the server does by itself (no timing is asserted; the test timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}
