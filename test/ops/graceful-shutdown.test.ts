/**
 * Closing the server (what `kiroku serve` does on SIGTERM or SIGINT): a request already in flight is
 * answered in full, new connections are refused, and the database is closed once it has been.
 */
import net from 'node:net'
import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/app/start-server.js'
import { loadConfig } from '../../src/app/config.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { fakeClock } from '../helpers/server.js'
import { codeGrantSetup } from '../helpers/oauth.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close().catch(() => {})
  server = undefined
})

/** Waits for a condition the server reaches by itself (no timing is asserted; the test timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** Sends raw HTTP/1.1 on one connection and collects everything the server sends back until it closes. */
function rawConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => void (received += chunk))
  const ended = once(socket, 'close').then(() => received)
  return { socket, ended, connected: once(socket, 'connect') }
}

describe(`graceful shutdown on ${TEST_DIALECT}`, () => {
  it('finishes a request in flight, refuses new connections meanwhile, then closes the database', async () => {
    const database = await createTestDatabase()
    const config = { ...loadConfig({ database: database.url, port: 0, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:0' }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'silent' }
    server = await startServer(config, { clock: fakeClock(), afterClose: database.drop })
    const { app } = server
    const port = Number(new URL(server.address).port)
    const { creds, tokens } = await codeGrantSetup(app)

    // A slow client: a refresh request whose headers arrive, and whose body is still on its way.
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: String(creds.id), client_secret: creds.secret! }).toString()
    const slow = rawConnection(port)
    await slow.connected
    const arrived = once(app.server, 'request')
    slow.socket.write(`POST /api/v2/oauth/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`)
    await arrived

    // A keep-alive connection that has had its answer and sits idle must not hold the shutdown back.
    const idle = rawConnection(port)
    await idle.connected
    idle.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
    await once(idle.socket, 'data')

    let closed = false
    const closing = server.close().then(() => void (closed = true))
    await until(() => !app.server.listening)

    // No new connection is accepted while the slow request is still being served.
    const refused = await new Promise<string>((resolve) => {
      const probe = net.connect(port, '127.0.0.1')
      probe.once('connect', () => (probe.destroy(), resolve('connected')))
      probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    })
    expect(refused).toBe('ECONNREFUSED')
    expect(closed).toBe(false)

    // The rest of the body arrives: the request is served in full, with the database still open.
    slow.socket.write(body.slice(10))
    const response = await slow.ended
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    const json = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))
    expect(json).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), refresh_token: expect.any(String) })
    // The server asked the client to hang up rather than keep the connection for another request.
    expect(response.toLowerCase()).toContain('connection: close')

    await closing
    expect(closed).toBe(true)
    expect(await idle.ended).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    // The pool is closed: the database handle no longer runs queries.
    await expect(app.kiroku.db.selectFrom('users').select('id').execute()).rejects.toThrow()
    server = undefined
  })
})
