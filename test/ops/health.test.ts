import { afterEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Driver } from 'kysely'

/** A Kysely whose every query waits forever, like a database that stopped answering mid-connection. */
function stalledKysely(): Kysely<any> {
  const connection: DatabaseConnection = { executeQuery: () => new Promise(() => {}), streamQuery: () => { throw new Error('not used') } }
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  }
  return new Kysely({
    dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => driver, createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() },
  })
}

let server: TestServer
afterEach(async () => {
  await server?.app.close()
})

describe(`health probes on ${TEST_DIALECT}`, () => {
  it('/healthz answers 200 {"status":"ok"} and /readyz 200 {"status":"ready"} while the database answers', async () => {
    server = await testServer()
    const health = await server.app.inject({ url: '/healthz' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })
    expect(health.headers['cache-control']).toBe('no-store')
    const ready = await server.app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })
  })

  it('without a database /healthz still answers 200, and /readyz answers 503 with a reason that names no detail of the failure', async () => {
    server = await testServer()
    // The pool gone for good: every query now fails, as when the database cannot be reached.
    await server.app.kiroku.database.close()
    const health = await server.app.inject({ url: '/healthz' })
    expect(health.statusCode).toBe(200)
    const ready = await server.app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toEqual({ status: 'unavailable', reason: 'the database cannot be reached or refused the check' })
  })

  it('/readyz answers 503 within its timeout when the database does not answer at all', async () => {
    server = await testServer()
    // A database that takes the query and never answers: the check must give up, not hang.
    const { database } = server.app.kiroku
    Object.defineProperty(server.app.kiroku, 'database', { value: { ...database, db: stalledKysely() }, configurable: true })
    const ready = await server.app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toEqual({ status: 'unavailable', reason: 'the database did not answer within 2 seconds' })
    Object.defineProperty(server.app.kiroku, 'database', { value: database, configurable: true })
  })
})
