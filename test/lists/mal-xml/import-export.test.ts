import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMalXml, parseMalXml, type MalEntry } from '../../../src/lists/mal-xml/parse.js'
import { importMalXml } from '../../../src/lists/mal-xml/import.js'
import { exportMalXml } from '../../../src/lists/mal-xml/export.js'
import { buildMalXml } from '../../../src/lists/mal-xml/build.js'
import { loadEntriesOfUsers, loadUserEntriesForMedia } from '../../../src/lists/entry-store.js'
import { loadMediaByIds, upsertMedia } from '../../../src/catalog/media-store.js'
import { updateListOptions } from '../../../src/lists/list-options.js'
import { TEST_DIALECT } from '../../helpers/database.js'
import { addEntries, listServer, listUser } from '../../helpers/lists.js'
import type { TestServer } from '../../helpers/server.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/mal')
const fixture = (name: string) => readMalXml(fs.readFileSync(path.join(FIXTURES, name)))

let s: TestServer
beforeAll(async () => {
  s = await listServer()
})
afterAll(async () => s.app.close())

const db = () => s.app.kiroku.db
const clock = () => s.app.kiroku.clock
/** What the format carries of an entry, to compare an import with its export. */
const carried = (e: MalEntry) => ({ malId: e.malId, status: e.status, score: e.score, progress: e.progress, progressVolumes: e.progressVolumes, repeat: e.repeat, startedAt: e.startedAt, completedAt: e.completedAt, notes: e.notes })
const byId = (a: { malId: number }, b: { malId: number }) => a.malId - b.malId

describe(`MAL XML import and export on ${TEST_DIALECT}`, () => {
  it('imports an anime export by MAL id, reports every entry it cannot match, and exports the same entries back', async () => {
    const { user } = await listUser(s.app, 'malfan')
    const file = fixture('animelist.xml')
    const report = await importMalXml(db(), clock(), user.id, file)
    expect(report).toMatchObject({ added: 6, updated: 0, kept: 0, warnings: [] })
    expect(report.notImported).toEqual([
      { type: 'ANIME', malId: 13, title: "One Piece (the manga's id, by mistake)", reason: 'MAL id 13 is a manga in this catalog, not an anime.' },
      { type: 'ANIME', malId: 99999999, title: 'Kiroku Obscure OVA', reason: 'No anime with MAL id 99999999 is in this catalog.' },
    ])
    const stored = await loadUserEntriesForMedia(db(), user.id, [1, 9253, 5114])
    expect(stored.get(1)).toMatchObject({
      mediaType: 'ANIME', status: 'COMPLETED', score: 90, progress: 26, repeat: 1, notes: 'Rewatch the Jupiter Jazz arc <soon> & often.',
      startedAt: { year: 2020, month: 1, day: 5 }, completedAt: { year: 2020, month: 2, day: 1 }, private: false,
    })
    expect(stored.get(9253)).toMatchObject({ status: 'REPEATING', progress: 5, score: 90 })
    expect(stored.get(5114)).toMatchObject({ status: 'CURRENT', score: 100, progress: 10, notes: null, startedAt: { year: 2021, month: 3, day: null } })
    // The figures follow the new entries: the work's popularity is this server's one list now.
    expect((await loadMediaByIds(db(), [1])).get(1)!.popularity).toBe(1)

    const exported = await exportMalXml(db(), user, 'ANIME')
    expect(exported).toMatchObject({ exported: 6, skipped: [] })
    const back = parseMalXml(exported.xml)
    expect(back).toMatchObject({ userName: 'malfan', exportType: 'ANIME', rejected: [], warnings: [] })
    const imported = file.entries.filter((e) => e.malId !== 13 && e.malId !== 99999999)
    expect(back.entries.map(carried).sort(byId)).toEqual(imported.map(carried).sort(byId))
  })

  it('keeps entries already on the list unless asked to overwrite them, and then keeps what MAL has not', async () => {
    const { user } = await listUser(s.app, 'keeper')
    await updateListOptions(db(), clock(), user.id, { animeList: { customLists: ['Classics'] } })
    await addEntries(s.app, user.id, [[1, 'ANIME', { status: 'PAUSED', score: 40, progress: 3, customLists: ['Classics'], private: true }]])
    const file = fixture('animelist.xml')
    const kept = await importMalXml(db(), clock(), user.id, file)
    expect(kept).toMatchObject({ added: 5, updated: 0, kept: 1 })
    expect((await loadUserEntriesForMedia(db(), user.id, [1])).get(1)).toMatchObject({ status: 'PAUSED', score: 40, progress: 3 })

    const again = await importMalXml(db(), clock(), user.id, file, { overwrite: true })
    expect(again).toMatchObject({ added: 0, updated: 6, kept: 0 })
    expect((await loadUserEntriesForMedia(db(), user.id, [1])).get(1)).toMatchObject({ status: 'COMPLETED', score: 90, progress: 26, repeat: 1, customLists: ['Classics'], private: true })
    expect((await loadEntriesOfUsers(db(), [user.id])).get(user.id)).toHaveLength(6)
  })

  it('imports a gzipped manga export with volumes and re-reading, and exports it back', async () => {
    const { user } = await listUser(s.app, 'reader')
    const file = fixture('mangalist.xml.gz')
    const report = await importMalXml(db(), clock(), user.id, file)
    expect(report).toMatchObject({ added: 4, notImported: [] })
    expect((await loadUserEntriesForMedia(db(), user.id, [30013])).get(30013)).toMatchObject({ mediaType: 'MANGA', status: 'CURRENT', progress: 1100, progressVolumes: 105, score: 90 })
    const back = parseMalXml((await exportMalXml(db(), user, 'MANGA')).xml)
    expect(back.entries.map(carried).sort(byId)).toEqual(file.entries.map(carried).sort(byId))
    // The anime export of a manga reader is an empty, valid document.
    expect(parseMalXml((await exportMalXml(db(), user, 'ANIME')).xml).entries).toEqual([])
  })

  it('reports rejected, invalid and repeated entries, and imports the rest', async () => {
    const { user } = await listUser(s.app, 'hostile')
    const report = await importMalXml(db(), clock(), user.id, fixture('hostile-entries.xml'))
    expect(report.added).toBe(2)
    expect(report.notImported.map((r) => [r.malId, r.reason])).toEqual([
      [null, 'Its MAL id "abc" is not a number.'],
      [null, 'It has no MAL id.'],
      [5114, 'Its status "Binging" is not one MyAnimeList uses.'],
      [9253, 'The progress may not be greater than 65535.'],
      [1, 'MAL id 1 is listed more than once in the file; the first one was used.'],
    ])
    expect(report.warnings).toHaveLength(5)
    expect([...(await loadUserEntriesForMedia(db(), user.id, [1, 30, 5114, 9253])).keys()].sort((a, b) => a - b)).toEqual([1, 30])
  })

  it('exports private entries and names the works without a MAL id instead of dropping them silently', async () => {
    const { user } = await listUser(s.app, 'private')
    await addEntries(s.app, user.id, [
      [900001, 'ANIME', { status: 'CURRENT', progress: 4, private: true, notes: 'secret' }],
      [900002, 'ANIME', { status: 'PLANNING' }],
    ])
    const exported = await exportMalXml(db(), user, 'ANIME')
    expect(exported.exported).toBe(1)
    expect(exported.skipped).toEqual(['Kiroku Shiken Beta (AniList id 900002)'])
    expect(exported.xml).toContain('Kiroku Shiken Beta (AniList id 900002)')
    expect(parseMalXml(exported.xml).entries).toEqual([expect.objectContaining({ malId: 990001, status: 'CURRENT', progress: 4, notes: 'secret' })])
  })

  it('imports 5,000 entries in seconds', async () => {
    const base = 700_000
    await upsertMedia(db(), clock(), Array.from({ length: 5000 }, (_, i) => ({ id: base + i, idMal: base + i, type: 'ANIME' as const, format: 'TV' as const, episodes: 12, title: { romaji: `Bulk ${i}` } })))
    const { user } = await listUser(s.app, 'bulk')
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      malId: base + i, title: `Bulk ${i}`, format: 'TV' as const, length: 12, volumes: null, status: (['CURRENT', 'COMPLETED', 'PLANNING'] as const)[i % 3]!,
      score: (i % 10) * 10, progress: i % 12, progressVolumes: 0, repeat: 0, startedAt: { year: 2020, month: 1, day: 1 + (i % 28) }, completedAt: { year: null, month: null, day: null }, notes: null,
    }))
    const file = parseMalXml(buildMalXml({ userName: 'bulk', type: 'ANIME', entries, skipped: [] }))
    const started = Date.now()
    const report = await importMalXml(db(), clock(), user.id, file)
    const seconds = (Date.now() - started) / 1000
    expect(report).toMatchObject({ added: 5000, notImported: [] })
    // Generous for a loaded CI machine; one saveEntry per entry (a transaction and a recompute each) takes minutes.
    expect(seconds).toBeLessThan(30)
    // Completed entries were filled to the work's length, as a save would.
    expect((await loadUserEntriesForMedia(db(), user.id, [base + 1])).get(base + 1)).toMatchObject({ status: 'COMPLETED', progress: 12 })
  }, 120_000)
})
