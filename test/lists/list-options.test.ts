/** A user's list options, owned by the lists module (media_list_options). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { defaultListOptions, getListOptions, getListOptionsOf, updateListOptions } from '../../src/lists/list-options.js'
import { openDatabase } from '../../src/storage/db.js'
import { migrations } from '../../src/storage/migrations/index.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeUser } from '../helpers/flow.js'
import { createTestDatabase } from '../helpers/database.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

describe('list options', () => {
  it('a new user has AniList’s defaults', async () => {
    const user = await makeUser(s.app)
    const options = await getListOptionsOf(s.app.kiroku.db, user.id)
    expect(options).toEqual(defaultListOptions())
    expect(options.scoreFormat).toBe('POINT_100')
    expect(options.animeList.sectionOrder[0]).toBe('Watching')
    expect(options.mangaList.sectionOrder[0]).toBe('Reading')
  })

  it('changes merge over what is stored, option by option and list type by list type', async () => {
    const user = await makeUser(s.app)
    const db = s.app.kiroku.db
    await updateListOptions(db, s.clock, user.id, { scoreFormat: 'POINT_5', animeList: { customLists: ['Favs'] } })
    await updateListOptions(db, s.clock, user.id, { mangaList: { splitCompletedSectionByFormat: true } })
    const options = await getListOptionsOf(db, user.id)
    expect(options.scoreFormat).toBe('POINT_5')
    expect(options.animeList.customLists).toEqual(['Favs'])
    expect(options.animeList.sectionOrder).toEqual(defaultListOptions().animeList.sectionOrder)
    expect(options.mangaList.splitCompletedSectionByFormat).toBe(true)
  })

  it('loads many users in one query, and options stored before an option existed read back with its default', async () => {
    const a = await makeUser(s.app, 'alice')
    const b = await makeUser(s.app, 'bob')
    await s.app.kiroku.db.insertInto('media_list_options').values({ user_id: a.id, options: JSON.stringify({ scoreFormat: 'POINT_3' }), updated_at: 1 }).execute()
    const all = await getListOptions(s.app.kiroku.db, [a.id, b.id, a.id])
    expect(all.size).toBe(2)
    expect(all.get(a.id)!.scoreFormat).toBe('POINT_3')
    expect(all.get(a.id)!.animeList.advancedScoring).toHaveLength(5)
    expect(all.get(b.id)!.scoreFormat).toBe('POINT_100')
  })
})

describe('migration 0009', () => {
  it('moves every stored list option out of user_profiles, keeping the profile', async () => {
    const target = await createTestDatabase()
    const database = openDatabase(target.url)
    try {
      // The schema as it was before 0009, with a profile that has both kinds of options.
      const db = database.db
      for (const [name, migration] of Object.entries(migrations)) if (name < '0009') await migration.up(db, database.dialect)
      await sql`insert into users (name, name_key, password_hash, created_at, updated_at) values ('ayame', 'ayame', 'x', 1, 1)`.execute(db)
      const { id } = (await sql<{ id: number }>`select id from users where name = 'ayame'`.execute(db)).rows[0]!
      await sql`insert into user_profiles (user_id, about, options, media_list_options, updated_at) values (${id}, 'hi', ${JSON.stringify({ titleLanguage: 'NATIVE' })}, ${JSON.stringify({ scoreFormat: 'POINT_10', animeList: { customLists: ['Rewatch'] } })}, 7)`.execute(db)
      await migrations['0009_list_options']!.up(db, database.dialect)
      const options = await getListOptionsOf(db, Number(id))
      expect(options.scoreFormat).toBe('POINT_10')
      expect(options.animeList.customLists).toEqual(['Rewatch'])
      const profile = await sql<{ about: string; options: string }>`select * from user_profiles where user_id = ${id}`.execute(db)
      expect(profile.rows[0]).toMatchObject({ about: 'hi', options: JSON.stringify({ titleLanguage: 'NATIVE' }) })
      expect(profile.rows[0]).not.toHaveProperty('media_list_options')
    } finally {
      await database.close()
      await target.drop()
    }
  })
})
