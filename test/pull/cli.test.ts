/**
 * `kiroku pull media` as a command: the one JSON line it ends with, a second run that skips what it
 * pulled (and --refresh that changes nothing), the ways of choosing works (--search, --season with
 * --year, --popular), and arguments refused before anything is sent anywhere.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { fakeIo, runCli } from '../helpers/cli.js'
import { main } from '../../src/cli/main.js'
import { graphql } from '../helpers/flow.js'
import { ALPHA, BETA, GAMMA, MANGA } from './fixture.js'
import { freshLocal, seededRemote, type Local, type Remote } from './helpers.js'
import { stubInFront } from './stub.js'

let remote: Remote
beforeAll(async () => {
  remote = await seededRemote()
})
afterAll(async () => remote.app.close())

let local: Local | undefined
afterEach(async () => {
  await local?.close()
  local = undefined
  vi.restoreAllMocks()
})

async function pull(...args: string[]) {
  local ??= await freshLocal()
  const run = await runCli(['pull', 'media', ...args, '--endpoint', remote.endpoint, '--database', local.url])
  expect(run.err).toBe('')
  expect(run.code).toBe(0)
  expect(run.out).toMatch(/^\{[^\n]*\}\n$/)
  return JSON.parse(run.out) as Record<string, any>
}

async function localIds(): Promise<number[]> {
  const server = await local!.serve()
  return (await graphql(server.app, '{ Page { media(sort: ID) { id } } }')).body.data.Page.media.map((m: any) => m.id)
}

describe('kiroku pull media (the command)', () => {
  it('ends with one JSON line of what it did; a second run skips what it pulled; --refresh changes nothing', async () => {
    const first = await pull('--ids', `${ALPHA}, ${BETA}`)
    expect(Object.keys(first).slice(0, 5)).toEqual(['inserted', 'updated', 'unchanged', 'requests', 'waitedSeconds'])
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, requests: 3 + 1, waitedSeconds: 0, retries: 0, pulled: 2, skipped: 0, notFound: [], endpoint: remote.endpoint })
    expect(first.people).toMatchObject({ characters: { inserted: 30 }, castsChanged: 2 })
    const second = await pull('--ids', `${ALPHA},${BETA}`)
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, requests: 0, pulled: 0, skipped: 2 })
    const refreshed = await pull('--ids', `${ALPHA},${BETA}`, '--refresh')
    expect(refreshed).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, requests: 4, pulled: 2, people: { castsChanged: 0, characters: { inserted: 0, updated: 0 } } })
  })

  it('draws one progress bar on a terminal, finished once at the end, and none elsewhere', async () => {
    local = await freshLocal()
    const io = { ...fakeIo(), stderrIsTTY: true }
    let err = ''
    io.stderr = (text: string) => void (err += text)
    expect(await main(['pull', 'media', '--ids', String(ALPHA), '--relations', '2', '--endpoint', remote.endpoint, '--database', local.url], io)).toBe(0)
    expect(err).toMatch(/^\rPulling \[/)
    expect(err.split('\n')).toHaveLength(2)
    expect(err).toMatch(/\rPulling \[#{30}\] 4\/4\n$/)
  })

  it('brings the dubs of --languages', async () => {
    // Alpha's people: 12 Japanese voice actors and 27 crew, and one English voice actor when asked.
    expect((await pull('--ids', String(ALPHA))).people.staff).toMatchObject({ inserted: 39 })
    expect((await pull('--ids', String(ALPHA), '--languages', 'japanese, english', '--refresh')).people.staff).toMatchObject({ inserted: 1, unchanged: 39 })
  })

  it('stops at Ctrl-C after the batch being written, says so, and the same command goes on from there', async () => {
    local = await freshLocal()
    const io = fakeIo()
    // Ctrl-C arrives while Alpha's people are being asked for: Alpha is still written, its relations are not.
    const stub = await stubInFront(remote.endpoint, (n) => {
      if (n === 2) io.stop()
      return { kind: 'pass' }
    })
    try {
      const args = ['pull', 'media', '--ids', String(ALPHA), '--relations', '1', '--endpoint', stub.endpoint, '--database', local.url]
      expect(await main(args, io)).toBe(130)
      expect(io.err).toBe('kiroku: stopped by SIGINT: run the same command again to go on where it stopped\n')
      expect(JSON.parse(io.out)).toMatchObject({ inserted: 1, pulled: 1, interrupted: true })
      const again = await runCli(args)
      expect(again.code).toBe(0)
      expect(JSON.parse(again.out)).toMatchObject({ inserted: 2, pulled: 2, skipped: 1 })
      expect(JSON.parse(again.out).interrupted).toBeUndefined()
      expect(await localIds()).toEqual([ALPHA, BETA, MANGA])
    } finally {
      await stub.close()
    }
  })

  it('follows --relations', async () => {
    expect(await pull('--ids', String(BETA), '--relations', '1')).toMatchObject({ inserted: 3, pulled: 3 })
    expect(await localIds()).toEqual([ALPHA, BETA, GAMMA])
  })

  it('pulls what a --search finds', async () => {
    expect(await pull('--search', 'Pull Gamma')).toMatchObject({ inserted: 1 })
    expect(await localIds()).toEqual([GAMMA])
  })

  it('pulls the anime of a --season and --year', async () => {
    expect(await pull('--season', 'spring', '--year', '2024')).toMatchObject({ inserted: 1 })
    expect(await localIds()).toEqual([ALPHA])
  })

  it('pulls the --popular N most popular works, of a --type when given', async () => {
    expect(await pull('--popular', '1')).toMatchObject({ inserted: 1 })
    expect(await localIds()).toEqual([ALPHA])
    await local!.close()
    local = undefined
    expect(await pull('--popular', '5', '--type', 'manga')).toMatchObject({ inserted: 1 })
    expect(await localIds()).toEqual([MANGA])
  })

  it.each([
    [[], 'nothing to pull: give --ids, --search, --season with --year, or --popular'],
    [['--ids', '1,x'], '--ids: each id must be a whole number from 1 to 2147483647, not "x"'],
    [['--ids', ','], '--ids needs at least one media id, e.g. --ids 1,5,21'],
    [['--ids', '1', '--popular', '3'], 'give one of --ids, --search, --season/--year, --popular'],
    [['--season', 'MONSOON', '--year', '2024'], '--season must be one of WINTER, SPRING, SUMMER, FALL (with --year)'],
    [['--season', 'FALL'], '--season needs --year, e.g. --season SPRING --year 2024'],
    [['--ids', '1', '--relations', '99'], '--relations must be a whole number from 0 to 10, not "99"'],
    [['--ids', '1', '--endpoint', 'ftp://example.org'], '--endpoint must be an http(s) URL, not "ftp://example.org"'],
    [['--popular', '3', '--type', 'NOVEL'], '--type must be ANIME or MANGA, not "NOVEL"'],
    [['--ids', '1', '--languages', 'english,KLINGON'], '--languages takes StaffLanguage values, comma-separated (JAPANESE, ENGLISH, KOREAN, ITALIAN, SPANISH, PORTUGUESE, FRENCH, GERMAN, HEBREW, HUNGARIAN), not "KLINGON"'],
  ])('refuses %j before sending anything', async (args, message) => {
    // No --endpoint here: the default (AniList itself) must never be contacted by a test.
    const sent = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in tests'))
    local = await freshLocal()
    const run = await runCli(['pull', 'media', ...args, '--database', local.url])
    expect(run).toEqual({ code: 1, out: '', err: `kiroku: ${message}\n` })
    expect(sent).not.toHaveBeenCalled()
  })

  it('says plainly when the endpoint is not a GraphQL endpoint', async () => {
    local = await freshLocal()
    const run = await runCli(['pull', 'media', '--ids', '1', '--endpoint', `${remote.baseUrl}/no-such-path`, '--database', local.url])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/^kiroku: http:\/\/127\.0\.0\.1:\d+\/no-such-path answered HTTP 404[^\n]*\n$/)
  })
})
