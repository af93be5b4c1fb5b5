/**
 * "Media on a user's list" reads the user's entries through their index and each work by its key:
 * its cost follows the list's length, never the catalog's (a correlated `exists` scanned every work).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CompiledQuery, type Expression, type SqlBool } from 'kysely'
import { onListCondition, onTypedListCondition } from '../../src/lists/on-list.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { TEST_DIALECT } from '../helpers/database.js'

let s: TestServer
beforeEach(async () => void (s = await testServer()))
afterEach(async () => s.app.close())

async function plan(condition: Expression<SqlBool>): Promise<string[]> {
  const { sql: text, parameters } = s.app.kiroku.db.selectFrom('media').selectAll().where(condition).compile()
  const result = await s.app.kiroku.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]))
  return result.rows.map((r) => r.detail)
}

describe.skipIf(TEST_DIALECT !== 'sqlite')('the on-list conditions on SQLite', () => {
  it('look works up by key from the user\'s entries, scanning no catalog', async () => {
    for (const condition of [onTypedListCondition(1, 'ANIME'), onListCondition(1, true)]) {
      const steps = await plan(condition)
      expect(steps.some((d) => /^SCAN media\b/.test(d)), steps.join('; ')).toBe(false)
      expect(steps.some((d) => /SEARCH media USING INTEGER PRIMARY KEY/.test(d)), steps.join('; ')).toBe(true)
    }
  })
})
