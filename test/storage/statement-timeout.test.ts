/**
 * PostgreSQL's statement timeout is for requests only: a statement left unanswered that long means a
 * lost connection there, but migrations and the CLI's batch commands may rightly run longer.
 */
import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openDatabase } from '../../src/storage/db.js'
import { DatabaseUnavailableError } from '../../src/errors/database-unavailable.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'

describe.runIf(TEST_DIALECT === 'postgres')('the PostgreSQL statement timeout', () => {
  it('cuts a statement that outlives it, and lets one run as long as it needs when it is 0', async () => {
    const target = await createTestDatabase()
    const cut = openDatabase(target.url, { postgresQueryTimeoutMs: 200 })
    const unlimited = openDatabase(target.url, { postgresQueryTimeoutMs: 0 })
    try {
      await expect(sql`select pg_sleep(0.6)`.execute(cut.db)).rejects.toBeInstanceOf(DatabaseUnavailableError)
      await expect(sql`select pg_sleep(0.6)`.execute(unlimited.db)).resolves.toBeDefined()
    } finally {
      await cut.close()
      await unlimited.close()
      await target.drop()
    }
  })

})
