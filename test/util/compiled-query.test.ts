import { afterEach, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { CompiledQueryOnce } from '../../src/util/compiled-query.js'
import type { Tables } from '../../src/storage/tables.js'
import { StatementCounter } from '../helpers/statement-counter.js'

let s: TestServer
afterEach(async () => s.app.close())

const signingKeyCreatedAt = new CompiledQueryOnce(1, (db: import('kysely').Kysely<Tables>, kid: string) =>
  db.selectFrom('signing_keys').select(['kid', 'created_at']).where('kid', '=', kid).where('alg', '=', 'RS256'),
)

it('runs the once-compiled query with each call’s values, in the database and in a transaction, plugins applied', async () => {
  s = await testServer()
  const db = s.app.kiroku.db
  const [key] = await db.selectFrom('signing_keys').select(['kid', 'created_at']).execute()
  expect((await signingKeyCreatedAt.execute(db, key!.kid)).rows).toEqual([key])
  expect((await signingKeyCreatedAt.execute(db, 'no such kid')).rows).toEqual([])
  expect(await db.transaction().execute(async (trx) => (await signingKeyCreatedAt.execute(trx, key!.kid)).rows)).toEqual([key])
  const counter = new StatementCounter()
  expect((await signingKeyCreatedAt.execute(db.withPlugin(counter), key!.kid)).rows).toEqual([key])
  expect(counter.count).toBe(1)
})

it('refuses a query that does not take an argument as a parameter', async () => {
  s = await testServer()
  const ignoring = new CompiledQueryOnce(1, (db: import('kysely').Kysely<Tables>, _kid: string) => db.selectFrom('signing_keys').select('kid'))
  await expect(ignoring.execute(s.app.kiroku.db, 'x')).rejects.toThrow(/argument 0 is not a parameter/)
})
