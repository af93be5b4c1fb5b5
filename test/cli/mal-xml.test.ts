import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/storage/db.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { parseMalXml, readMalXml } from '../../src/lists/mal-xml/parse.js'
import { readRows, runCli, tempDir } from '../helpers/cli.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mal')
const fixture = (name: string) => path.join(FIXTURES, name)
const ONE_LINE_ERROR = /^kiroku: [^\n]+\n$/

let tmp: ReturnType<typeof tempDir>
let file: string
beforeEach(async () => {
  tmp = tempDir()
  file = tmp.file('kiroku.db')
  vi.stubEnv('DATABASE_URL', undefined)
  expect((await runCli(['user', 'create', '--name', 'Mika', '--password-stdin', '--database', file], 'a long enough password\n')).code).toBe(0)
  const database = openDatabase(file)
  await seedCatalog(database.db, () => 1_750_000_000)
  await database.close()
})
afterEach(() => {
  vi.unstubAllEnvs()
  tmp.remove()
})

const importList = (name: string, ...extra: string[]) => runCli(['import', '--mal-xml', fixture(name), '--user', 'Mika', '--database', file, ...extra])

describe('kiroku import --mal-xml', () => {
  it('puts the entries on the user’s list and prints the counts and every entry not imported, with its id and title', async () => {
    const run = await importList('animelist.xml')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out.split('\n')[0]).toBe(`Imported ${fixture('animelist.xml')} into Mika's list: 6 added, 0 updated, 0 kept as they were, 2 not imported.`)
    expect(run.out).toContain('  anime 13 "One Piece (the manga\'s id, by mistake)": MAL id 13 is a manga in this catalog, not an anime.')
    expect(run.out).toContain('  anime 99999999 "Kiroku Obscure OVA": No anime with MAL id 99999999 is in this catalog.')
    expect(readRows(file, "SELECT media_id, status, score FROM media_list WHERE media_id IN (1, 9253) ORDER BY media_id")).toEqual([
      { media_id: 1, status: 'COMPLETED', score: 90 },
      { media_id: 9253, status: 'REPEATING', score: 90 },
    ])
  })

  it('keeps entries already there by default and replaces them with --overwrite', async () => {
    expect((await importList('mangalist.xml.gz')).code).toBe(0)
    const database = openDatabase(file)
    await database.db.updateTable('media_list').set({ score: 10 }).where('media_id', '=', 30001).execute()
    await database.close()
    const kept = await importList('mangalist.xml.gz')
    expect(kept.out).toMatch(/0 added, 0 updated, 4 kept as they were, 0 not imported\.\nEntries already on the list were kept; give --overwrite/)
    expect(readRows(file, 'SELECT score FROM media_list WHERE media_id = 30001')).toEqual([{ score: 10 }])
    const replaced = await importList('mangalist.xml.gz', '--overwrite')
    expect(replaced.out).toMatch(/0 added, 4 updated, 0 kept as they were/)
    expect(readRows(file, 'SELECT score FROM media_list WHERE media_id = 30001')).toEqual([{ score: 100 }])
  })

  it('fails with one line and exit code 1 for an unknown user, a missing or bad file, or missing --user', async () => {
    const unknown = await runCli(['import', '--mal-xml', fixture('animelist.xml'), '--user', 'nobody', '--database', file])
    expect(unknown).toEqual({ code: 1, out: '', err: 'kiroku: there is no user named "nobody"\n' })
    const missing = await runCli(['import', '--mal-xml', tmp.file('none.xml'), '--user', 'Mika', '--database', file])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/no such file/)
    for (const bad of ['entity-expansion.xml', 'malformed.xml', 'nul.xml', 'not-mal.xml']) {
      const run = await importList(bad)
      expect(run.code).toBe(1)
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain(`cannot import ${fixture(bad)}: `)
    }
    const noUser = await runCli(['import', '--mal-xml', fixture('animelist.xml'), '--database', file])
    expect(noUser).toMatchObject({ code: 1, err: 'kiroku: --mal-xml needs --user NAME: whose list the entries go on\n' })
    expect((await runCli(['import', 'catalog.json', '--user', 'Mika', '--database', file])).err).toBe('kiroku: --user and --overwrite go with --mal-xml FILE\n')
    expect(readRows(file, 'SELECT count(*) AS n FROM media_list')).toEqual([{ n: 0 }])
  })

  it('documents the options in the help text', async () => {
    const help = await runCli(['import', '--help'])
    expect(help.out).toContain('--mal-xml <file>')
    expect(help.out).toContain('--overwrite')
    const exportHelp = await runCli(['export', '--help'])
    expect(exportHelp.out).toContain('--type <type>')
    expect(exportHelp.out).toContain('MyAnimeList')
  })
})

describe('kiroku export --mal-xml', () => {
  it('writes the user’s list as MAL XML to standard output, anime by default and manga with --type manga', async () => {
    await importList('animelist.xml')
    await importList('mangalist.xml')
    const anime = await runCli(['export', '--user', 'Mika', '--mal-xml', '--database', file])
    expect(anime).toMatchObject({ code: 0, err: '' })
    const imported = readMalXml(fs.readFileSync(fixture('animelist.xml'))).entries.filter((e) => e.malId !== 13 && e.malId !== 99999999)
    expect(parseMalXml(anime.out).entries.map((e) => e.malId).sort((a, b) => a - b)).toEqual(imported.map((e) => e.malId).sort((a, b) => a - b))
    const manga = await runCli(['export', '--user', 'mika', '--mal-xml', '--type', 'manga', '--database', file])
    expect(manga.code).toBe(0)
    expect(parseMalXml(manga.out)).toMatchObject({ exportType: 'MANGA', userName: 'Mika' })
    expect(parseMalXml(manga.out).entries).toHaveLength(4)
  })

  it('fails with one line and exit code 1 for an unknown user or type', async () => {
    expect(await runCli(['export', '--user', 'nobody', '--mal-xml', '--database', file])).toEqual({ code: 1, out: '', err: 'kiroku: there is no user named "nobody"\n' })
    expect(await runCli(['export', '--user', 'Mika', '--type', 'novel', '--database', file])).toEqual({ code: 1, out: '', err: 'kiroku: --type is anime or manga, not "novel"\n' })
  })
})
