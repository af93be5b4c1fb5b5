/**
 * The real `kiroku serve` process on PostgreSQL, reached through a proxy the test cuts while requests
 * are running: connections reset under queries must not take the process down (an error event
 * nobody listens to ends a Node process); it answers 503 meanwhile and serves again once PostgreSQL
 * is reachable, with no restart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { testServer } from '../helpers/server.js'
import { listUser } from '../helpers/lists.js'
import { buildKiroku, killProcess, startServeProcess, type ServeProcess } from './built-kiroku.js'
import { TcpProxy } from './tcp-proxy.js'

const base = process.env.KIROKU_TEST_POSTGRES_URL ?? ''
const AVAILABLE = TEST_DIALECT === 'postgres' && base !== ''

const cleanups: Array<() => Promise<unknown> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const SAVE = 'mutation ($n: String) { SaveMediaListEntry(mediaId: 1, status: CURRENT, notes: $n) { id notes } }'

async function save(address: string, token: string, notes: string): Promise<{ status: number; retryAfter: string | null; body: string }> {
  const res = await fetch(`${address}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: SAVE, variables: { n: notes } }),
  })
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() }
}

describe.skipIf(!AVAILABLE)('kiroku serve whose PostgreSQL connections are reset under load (PostgreSQL only)', () => {
  it('stays up, answers 503 with Retry-After meanwhile and never 500, and serves again by itself', async () => {
    const build = buildKiroku('kiroku-pg-reset')
    cleanups.push(() => build.remove())
    const database = await createTestDatabase()
    cleanups.push(database.drop)
    const { app, clock } = await testServer({ databaseUrl: database.url })
    clock.set(Math.floor(Date.now() / 1000))
    await seedCatalog(app.kiroku.db, clock)
    const writer = await listUser(app, 'writer')
    await app.close()

    const direct = new URL(database.url)
    const proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5432))
    cleanups.push(() => proxy.close())
    const proxied = new URL(database.url)
    proxied.hostname = '127.0.0.1'
    proxied.port = String(proxy.port)
    const serve: ServeProcess = await startServeProcess(build.bin, proxied.href)
    cleanups.push(() => killProcess(serve))

    // Writers keep every pooled connection busy, so that the cut lands under queries in flight.
    const statuses: number[] = []
    const failures: string[] = []
    let stopped = false
    let n = 0
    const writerLoop = async () => {
      while (!stopped) {
        const res = await save(serve.address, writer.token, `write ${n++}`).catch((error: Error) => ({ status: 0, retryAfter: null, body: `no answer: ${error.message}` }))
        statuses.push(res.status)
        if (!(res.status === 200 || (res.status === 503 && res.retryAfter === '5'))) failures.push(`${res.status} ${res.body.slice(0, 200)}`)
      }
    }
    const loops = Promise.all(Array.from({ length: 12 }, writerLoop))
    cleanups.push(async () => {
      stopped = true
      await loops.catch(() => {})
    })
    /** Waits for what the server does by itself; fails at once if the process has ended instead. */
    const until = async (condition: () => boolean | Promise<boolean>) => {
      while (!(await condition())) {
        if (serve.child.exitCode !== null || serve.child.signalCode !== null) throw new Error(`the process ended (${serve.child.exitCode ?? serve.child.signalCode}); answers: ${failures.slice(0, 3).join('; ')}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    await until(() => statuses.filter((s) => s === 200).length >= 50)

    await proxy.cut()
    await until(() => statuses.length > 12 && statuses.slice(-12).every((s) => s === 503))
    await proxy.mend()
    await until(async () => (await fetch(`${serve.address}/readyz`)).status === 200)
    const recovered = statuses.length
    await until(() => statuses.length >= recovered + 24)
    stopped = true
    await loops

    expect(serve.child.exitCode, 'the process ended').toBeNull()
    expect(serve.child.signalCode).toBeNull()
    expect(failures).toEqual([])
    expect(statuses).toContain(503)
    expect((await save(serve.address, writer.token, 'after')).status).toBe(200)
  }, 120_000)
})
