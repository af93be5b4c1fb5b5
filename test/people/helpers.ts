/** A test server whose catalog holds the people fixture's two works, with their casts and staff imported. */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAniListMediaFile } from '../../src/catalog/importers/anilist-json.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { importPeople, parseAniListPeopleFile } from '../../src/people/import/anilist-people.js'
import { testServer, type TestServer } from '../helpers/server.js'

const here = path.dirname(fileURLToPath(import.meta.url))
export const CAST_FILE = path.join(here, 'fixtures/cast.json')
export const CHARACTERS_PAGE_FILE = path.join(here, 'fixtures/characters-page.json')

/** Imports a file as `kiroku import` does: the media, then the people. */
export async function importFile(s: TestServer, file: string) {
  const text = fs.readFileSync(file, 'utf8')
  const people = parseAniListPeopleFile(text)
  const media = people.hasMedia ? await upsertMedia(s.app.kiroku.db, s.clock, parseAniListMediaFile(text)) : null
  return { media, people: await importPeople(s.app.kiroku.db, s.clock, people) }
}

export async function peopleServer(): Promise<TestServer> {
  const s = await testServer()
  await importFile(s, CAST_FILE)
  return s
}
