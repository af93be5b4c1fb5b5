/**
 * What `kiroku serve` logs: JSON lines when standard output is not a terminal (a pipe, a log
 * collector), human-readable lines with one per request on a terminal, LOG_FORMAT overriding either;
 * and the URLs it prints at start stand out on a terminal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startServe, tempDir } from '../helpers/cli.js'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
  vi.stubEnv('LOG_LEVEL', 'info')
  for (const name of ['PORT', 'HOST', 'PUBLIC_URL', 'DATABASE_URL', 'LOG_FORMAT']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  tmp.remove()
})

/** Serves, asks for /graphiql once, stops, and returns what was logged and printed. */
async function serveOnce(terminal: { stdoutIsTTY?: boolean; stderrIsTTY?: boolean }, ...flags: string[]) {
  const server = await startServe(['--host', '127.0.0.1', '--port', '0', '--database', tmp.file('kiroku.db'), ...flags], terminal)
  expect((await fetch(`${server.address}/graphiql?code=secret-code`)).status).toBe(200)
  expect(await server.stop()).toBe(0)
  return server.io
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '')

describe('kiroku serve logs', () => {
  it('are JSON lines when standard output is not a terminal', async () => {
    const io = await serveOnce({})
    const records = lines(io.logs).map((line) => JSON.parse(line) as { msg: string; level: number; req?: { url: string } })
    expect(records.length).toBeGreaterThan(2)
    expect(records.map((r) => r.msg)).toContain('incoming request')
    expect(records.map((r) => r.msg)).toContain('request completed')
    const incoming = records.find((r) => r.msg === 'incoming request')!
    expect(incoming.req!.url).toBe('/graphiql?code=[redacted]')
    expect(io.out).toBe('')
  })

  it('are pretty, one line per request, on a terminal', async () => {
    const io = await serveOnce({ stdoutIsTTY: true })
    const logged = lines(io.logs.replace(/\x1b\[[0-9;]*m/g, ''))
    expect(logged.length).toBeGreaterThan(0)
    for (const line of logged) expect(() => JSON.parse(line)).toThrow()
    expect(logged.filter((line) => line.includes('/graphiql'))).toEqual([expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: GET \/graphiql\?code=\[redacted\] 200 \d+ ms$/)])
    expect(io.logs).not.toContain('incoming request')
    expect(io.logs).not.toContain('secret-code')
  })

  it('follow LOG_FORMAT over the terminal check, either way', async () => {
    vi.stubEnv('LOG_FORMAT', 'json')
    const json = await serveOnce({ stdoutIsTTY: true })
    for (const line of lines(json.logs)) expect(() => JSON.parse(line)).not.toThrow()
    vi.stubEnv('LOG_FORMAT', 'pretty')
    const pretty = await serveOnce({})
    expect(lines(pretty.logs).some((line) => /INFO: GET \/graphiql\?code=\[redacted\] 200 \d+ ms$/.test(line))).toBe(true)
    // Not a terminal: no colours in a forced pretty log.
    expect(pretty.logs).not.toContain('\x1b[')
  })

  it('print the site and explorer URLs at start, emphasised only on a terminal', async () => {
    const plain = await serveOnce({}, '--public-url', 'http://kiroku.localhost:8080')
    expect(plain.err).toContain('Site: http://kiroku.localhost:8080/ · GraphQL explorer: http://kiroku.localhost:8080/graphiql\n')
    const terminal = await serveOnce({ stderrIsTTY: true }, '--public-url', 'http://kiroku.localhost:8080')
    expect(terminal.err).toContain('\x1b[1;4mhttp://kiroku.localhost:8080/graphiql\x1b[0m')
  })
})
