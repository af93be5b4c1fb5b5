import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MAL_XML_BYTES, MAX_MAL_XML_ENTRIES, MalXmlError, parseMalXml, readMalXml } from '../../../src/lists/mal-xml/parse.js'
import { buildMalXml, malDate, malScore, type MalExportEntry } from '../../../src/lists/mal-xml/build.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/mal')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))
const NO_DATE = { year: null, month: null, day: null }

/** The MalXmlError a read throws (failing the test when it does not). */
function refusal(read: () => unknown): MalXmlError {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(MalXmlError)
    return error as MalXmlError
  }
  throw new Error('expected a MalXmlError')
}

describe('reading a MAL XML export', () => {
  it('reads every field of an anime export', () => {
    const file = readMalXml(fixture('animelist.xml'))
    expect(file).toMatchObject({ userName: 'kiroku_tester', exportType: 'ANIME', rejected: [], warnings: [] })
    expect(file.entries).toHaveLength(8)
    expect(file.entries[0]).toEqual({
      type: 'ANIME', malId: 1, title: 'Cowboy Bebop', status: 'COMPLETED', score: 9, progress: 26, progressVolumes: 0, repeat: 1,
      startedAt: { year: 2020, month: 1, day: 5 }, completedAt: { year: 2020, month: 2, day: 1 },
      // CDATA is taken as written: no entity decoding inside it.
      notes: 'Rewatch the Jupiter Jazz arc <soon> & often.',
    })
    // Unknown parts of a date (00, 0000) stay unknown.
    expect(file.entries[1]).toMatchObject({ malId: 5114, status: 'CURRENT', progress: 10, startedAt: { year: 2021, month: 3, day: null }, completedAt: NO_DATE })
    // Completed and re-watching is AniList's REPEATING.
    expect(file.entries[2]).toMatchObject({ malId: 9253, status: 'REPEATING', progress: 5, repeat: 1 })
    expect(file.entries.map((e) => e.status)).toEqual(['COMPLETED', 'CURRENT', 'REPEATING', 'PAUSED', 'DROPPED', 'PLANNING', 'PLANNING', 'COMPLETED'])
  })

  it('reads a gzipped manga export (MAL’s .xml.gz download) like the plain one', () => {
    const gz = readMalXml(fixture('mangalist.xml.gz'))
    expect(gz).toEqual(readMalXml(fixture('mangalist.xml')))
    expect(gz.exportType).toBe('MANGA')
    expect(gz.entries[0]).toMatchObject({ type: 'MANGA', malId: 1, title: 'Monster', status: 'COMPLETED', score: 10, progress: 162, progressVolumes: 18 })
    // "]]>" split over two CDATA sections comes back whole; "&amp;" inside CDATA is text, not an entity.
    expect(gz.entries[0]!.notes).toBe('Johan &amp; Tenma ]]> everything')
    expect(gz.entries[2]).toMatchObject({ malId: 104, title: 'Yotsuba&!', status: 'REPEATING', startedAt: { year: 2012, month: 4, day: null } })
    expect(gz.entries[3]).toMatchObject({ malId: 4632, status: 'PLANNING' })
  })

  it('rejects entries without a numeric id or with an unknown status, and leaves out unreadable fields with a warning', () => {
    const file = readMalXml(fixture('hostile-entries.xml'))
    expect(file.rejected).toEqual([
      { type: 'ANIME', malId: null, title: 'Not a number', reason: 'Its MAL id "abc" is not a number.' },
      { type: 'ANIME', malId: null, title: 'No id at all', reason: 'It has no MAL id.' },
      { type: 'ANIME', malId: 5114, title: 'Unknown status', reason: 'Its status "Binging" is not one MyAnimeList uses.' },
    ])
    const bebop = file.entries.find((e) => e.title === 'Cowboy Bebop')!
    expect(bebop).toMatchObject({ progress: 0, score: 0, repeat: 0, startedAt: NO_DATE, completedAt: NO_DATE })
    expect(file.warnings.filter((w) => w.malId === 1).map((w) => w.message)).toEqual([
      'The score "11" is not between 0 and 10: left out.',
      'The watched episodes "abc" is not a whole number: left out.',
      'The times watched "-1" is not a whole number: left out.',
      'The start date "2020-13-45" is not a date: left out.',
      'The finish date "2021-02-30" is not a date: left out.',
    ])
    // Character references and predefined entities outside CDATA are decoded; numeric status codes are read.
    expect(file.entries.find((e) => e.malId === 30)).toMatchObject({ title: 'Shin Seiki Evangelion — &A', status: 'COMPLETED', score: 8, startedAt: { year: 1999, month: null, day: null } })
  })

  it('refuses a DOCTYPE with entities (billion laughs, external entities) without expanding anything', () => {
    expect(refusal(() => readMalXml(fixture('entity-expansion.xml'))).message).toMatch(/DOCTYPE/)
  })

  it('refuses a NUL character, malformed XML and a document that is not a MAL export, each with its reason', () => {
    expect(refusal(() => readMalXml(fixture('nul.xml'))).message).toMatch(/NUL/)
    expect(refusal(() => readMalXml(fixture('malformed.xml'))).message).toMatch(/not well-formed XML \(line 7\)/)
    expect(refusal(() => readMalXml(fixture('not-mal.xml'))).message).toMatch(/root element is <rss>/)
    expect(refusal(() => readMalXml(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).message).toMatch(/UTF-8/)
    expect(refusal(() => parseMalXml(' \n')).message).toBe('The file is empty.')
    // Deep nesting is refused by the parser's own bound, as an error, not a stack overflow.
    expect(refusal(() => parseMalXml(`<myanimelist><anime>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</anime></myanimelist>`)).message).toMatch(/nested/)
  })

  it('refuses files over the size cap, gzip that unpacks past it, damaged gzip, and too many entries', () => {
    const huge = Buffer.alloc(MAX_MAL_XML_BYTES + 1, 0x20)
    expect(refusal(() => readMalXml(huge)).message).toMatch(/larger than 10 MB/)
    // A small gzip bomb: 64 MB of spaces in well under a megabyte.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
    expect(bomb.length).toBeLessThan(MAX_MAL_XML_BYTES)
    expect(refusal(() => readMalXml(bomb)).message).toMatch(/unpacks to more than 10 MB/)
    expect(refusal(() => readMalXml(gzipSync(fixture('animelist.xml')).subarray(0, 40))).message).toMatch(/damaged or cut short/)
    const many = `<myanimelist>${'<anime><series_animedb_id>1</series_animedb_id></anime>'.repeat(MAX_MAL_XML_ENTRIES + 1)}</myanimelist>`
    expect(refusal(() => parseMalXml(many)).message).toMatch(/20001 entries; at most 20000/)
  })
})

describe('reading any bytes at all', () => {
  const pieces = fc.constantFrom(
    '<myanimelist>', '</myanimelist>', '<anime>', '</anime>', '<manga>', '</manga>', '<myinfo>', '</myinfo>', '<series_animedb_id>', '</series_animedb_id>',
    '<my_status>', '</my_status>', '<my_start_date>', '</my_start_date>', '<![CDATA[', ']]>', '&amp;', '&#0;', '&#x110000;', '&lol;', '<!--', '-->', '<?xml version="1.0"?>',
    '<!DOCTYPE x>', '1', 'Completed', '2020-02-30', '0000-00-00', '-', 'abc', '\u0000', '\uFFFE', '\uD800', ' ', '<', '>', '"', "'", '=',
  )
  const documents = fc.oneof(fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')), fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')))

  it('either reads a file or refuses it with a MalXmlError, never another error', () => {
    fc.assert(
      fc.property(documents, fc.boolean(), (text, gzip) => {
        const bytes = gzip ? gzipSync(Buffer.from(text)) : Buffer.from(text)
        try {
          const file = readMalXml(bytes)
          for (const e of file.entries) expect(Number.isInteger(e.malId) && e.malId > 0).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(MalXmlError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('writing a MAL XML export', () => {
  const entry = (over: Partial<MalExportEntry>): MalExportEntry => ({
    malId: 1, title: 'Cowboy Bebop', format: 'TV', length: 26, volumes: null, status: 'COMPLETED', score: 90, progress: 26, progressVolumes: 0, repeat: 1,
    startedAt: { year: 2020, month: 1, day: 5 }, completedAt: NO_DATE, notes: null, ...over,
  })

  it('writes MAL’s dates and scores', () => {
    expect(malDate({ year: 2021, month: 3, day: null })).toBe('2021-03-00')
    expect(malDate(NO_DATE)).toBe('0000-00-00')
    expect([0, 1, 4, 5, 85, 100].map(malScore)).toEqual([0, 1, 1, 1, 9, 10])
  })

  it('escapes text so that any title or note reads back exactly, and comments out the skipped', () => {
    const hostile = 'A ]]> B <b>&amp;</b> "q" \u0000\u0007 C --> D'
    const xml = buildMalXml({ userName: 'x]]>y', type: 'ANIME', entries: [entry({ title: hostile, notes: hostile, status: 'REPEATING' })], skipped: ['Sneaky --> <!-- title- (AniList id 5)'] })
    const back = parseMalXml(xml)
    expect(back.userName).toBe('x]]>y')
    // Characters XML cannot carry (NUL, BEL) are dropped; everything else comes back.
    expect(back.entries).toEqual([expect.objectContaining({ malId: 1, title: 'A ]]> B <b>&amp;</b> "q"  C --> D', notes: 'A ]]> B <b>&amp;</b> "q"  C --> D', status: 'REPEATING', score: 9, repeat: 1 })])
    expect(xml).toContain('<!-- Not exported: 1 entry has no MyAnimeList id:')
    expect(xml).toContain('Sneaky -> <!- title- (AniList id 5)')
    expect(xml).toContain('<user_total_completed>1</user_total_completed>')
  })

  it('writes manga with chapters and volumes', () => {
    const xml = buildMalXml({ userName: 'x', type: 'MANGA', entries: [entry({ malId: 2, title: 'Berserk', format: 'MANGA', length: null, volumes: 41, status: 'PAUSED', progress: 364, progressVolumes: 41 })], skipped: [] })
    expect(xml).toContain('<user_export_type>2</user_export_type>')
    expect(parseMalXml(xml).entries).toEqual([expect.objectContaining({ type: 'MANGA', malId: 2, status: 'PAUSED', progress: 364, progressVolumes: 41 })])
  })
})
