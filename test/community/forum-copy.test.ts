/** `kiroku copy` with a forum: nested comments (a table pointing at itself) and thread notifications arrive whole, parents first. */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import { openDatabase, type Database } from '../../src/storage/db.js'
import { copyDatabase } from '../../src/storage/copy.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { createUser } from '../../src/accounts/users.js'
import { saveThread, saveThreadComment, type ForumDeps } from '../../src/community/forum/forum-actions.js'
import { NO_POSTING_LIMIT } from '../../src/social/posting-limit.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { tempDir } from '../helpers/cli.js'

const tmp = tempDir()
afterAll(() => tmp.remove())
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function open(url: string): Promise<Database> {
  const database = openDatabase(url)
  cleanups.push(() => database.close())
  return database
}

const rowsOf = async (db: Kysely<any>, table: string) =>
  (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)]).sort()))).sort()

describe(`copying a forum from SQLite into ${TEST_DIALECT}`, () => {
  it('keeps threads, nested comments, subscriptions and thread notifications', async () => {
    const source = await open(`sqlite:${tmp.file(`forum-${Math.random().toString(36).slice(2)}.db`)}`)
    await migrateToLatest(source)
    const clock = () => 1_750_000_000
    const deps: ForumDeps = { db: source.db, clock, postingLimit: NO_POSTING_LIMIT }
    const alice = await createUser(source.db, clock, { name: 'alice', password: 'a long enough password' })
    const bob = await createUser(source.db, clock, { name: 'bob', password: 'a long enough password' })
    const thread = await saveThread(deps, alice.id, { title: 'Copied', body: 'Body', categories: [1] })
    let parent = await saveThreadComment(deps, bob.id, { threadId: thread.id, comment: 'root' })
    for (let i = 0; i < 4; i++) parent = await saveThreadComment(deps, i % 2 ? bob.id : alice.id, { parentCommentId: parent.id, comment: `reply ${i}` })

    const into = TEST_DIALECT === 'sqlite' ? await open(`sqlite:${tmp.file(`forum-target-${Math.random().toString(36).slice(2)}.db`)}`) : await (async () => {
      const created = await createTestDatabase()
      cleanups.push(created.drop)
      return open(created.url)
    })()
    await migrateToLatest(into)
    await copyDatabase(source, into, { batchRows: 2 })
    for (const table of ['forum_threads', 'forum_thread_categories', 'forum_comments', 'forum_subscriptions', 'notifications']) {
      expect(await rowsOf(into.db, table), table).toEqual(await rowsOf(source.db, table))
    }
    expect(await rowsOf(into.db, 'forum_comments')).toHaveLength(5)
  })
})
