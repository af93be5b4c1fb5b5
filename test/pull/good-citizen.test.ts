/**
 * The pull as a good citizen of its remote: a 429 is waited out for its Retry-After (60 seconds when
 * it names none) and sent again; a dropped connection and a 5xx are retried with growing pauses, then
 * reported plainly; a used-up rate-limit window is waited out before the next request; and never
 * more than one request is in flight. Sleeps are recorded, never slept.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pullMedia } from '../../src/pull/pull-media.js'
import { RemoteError } from '../../src/pull/remote.js'
import { DEFAULT_ENDPOINT } from '../../src/pull/endpoint.js'
import { systemClock } from '../../src/util/clock.js'
import { ALPHA, BETA, MANGA } from './fixture.js'
import { freshLocal, seededRemote, testClient, type Local, type Remote } from './helpers.js'
import { stubInFront, type Behaviour, type Stub } from './stub.js'

let remote: Remote
beforeAll(async () => {
  remote = await seededRemote()
})
afterAll(async () => remote.app.close())

let local: Local | undefined
let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  await local?.close()
  stub = local = undefined
})

const pass: Behaviour = { kind: 'pass' }
// One batch and Alpha's two pages of people: three requests when nothing goes wrong.
const REQUESTS = 3

async function pullThrough(behave: Parameters<typeof stubInFront>[1], ids = [ALPHA]) {
  stub = await stubInFront(remote.endpoint, behave)
  local = await freshLocal()
  const told: string[] = []
  const { client, waits } = testClient(stub.endpoint, { backoffSeconds: 1, onWait: (seconds, reason) => void told.push(`${seconds}: ${reason}`) })
  const summary = await pullMedia(local.database.db, systemClock, client, { ids })
  return { summary, client, waits, stub, told }
}

describe('kiroku pull as a good citizen', () => {
  it('waits out a 429 for its Retry-After and sends the request again', async () => {
    const { summary, client, waits, stub, told } = await pullThrough((n) => (n === 1 ? { kind: 'status', status: 429, headers: { 'retry-after': '1', 'x-ratelimit-limit': '90', 'x-ratelimit-remaining': '0' } } : pass))
    expect(waits).toEqual([1])
    expect(told).toEqual(['1: the remote answered 429 Too Many Requests'])
    expect(summary).toMatchObject({ inserted: 1, pulled: 1 })
    expect(client.stats).toMatchObject({ requests: REQUESTS + 1, waitedSeconds: 1, retries: 0 })
    expect(stub.requests).toBe(REQUESTS + 1)
  })

  it('waits 60 seconds for a 429 that names no Retry-After', async () => {
    const { waits, summary } = await pullThrough((n) => (n === 2 ? { kind: 'status', status: 429 } : pass))
    expect(waits).toEqual([60])
    expect(summary.pulled).toBe(1)
  })

  it('retries a connection dropped midway, and the pulled work is whole', async () => {
    const { summary, client, waits, told } = await pullThrough((n) => (n === 2 ? { kind: 'drop' } : pass))
    expect(waits).toEqual([1])
    expect(told).toEqual([expect.stringMatching(/^1: the connection failed \(.+\); trying again$/)])
    expect(client.stats).toMatchObject({ requests: REQUESTS + 1, retries: 1 })
    expect(summary).toMatchObject({ inserted: 1, pulled: 1 })
    expect(summary.people).toMatchObject({ characters: { inserted: 30 }, castsChanged: 1 })
  })

  it('retries 5xx answers with growing pauses, then fails with a clear error and writes nothing half-done', async () => {
    stub = await stubInFront(remote.endpoint, () => ({ kind: 'status', status: 503 }))
    local = await freshLocal()
    const { client, waits } = testClient(stub.endpoint, { backoffSeconds: 1, retries: 3 })
    const failure = await pullMedia(local.database.db, systemClock, client, { ids: [ALPHA] }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(RemoteError)
    expect((failure as Error).message).toBe(`${stub.endpoint} answered HTTP 503 4 times in a row`)
    expect(waits).toEqual([1, 2, 4])
    expect(await local.database.db.selectFrom('media').select('id').execute()).toEqual([])
  })

  it('waits a 503 out for its own Retry-After when it names one', async () => {
    const { waits, summary, client } = await pullThrough((n) => (n === 1 ? { kind: 'status', status: 503, headers: { 'retry-after': '5' } } : pass))
    expect(waits).toEqual([5])
    expect(client.stats.retries).toBe(1)
    expect(summary.pulled).toBe(1)
  })

  it('waits for the window to reset when X-RateLimit-Remaining reaches 0', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 5)
    const { waits, client } = await pullThrough((n): Behaviour => (n === 1 ? { kind: 'pass', headers: { 'x-ratelimit-limit': '90', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } } : { kind: 'pass', headers: { 'x-ratelimit-limit': '90', 'x-ratelimit-remaining': '80' } }))
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThanOrEqual(4)
    expect(waits[0]).toBeLessThanOrEqual(6)
    expect(client.stats).toMatchObject({ rateLimit: 90, rateLimitRemaining: 80 })
  })

  it('resumes an interrupted pull where it stopped: what was written is skipped, the rest is pulled', async () => {
    // Alpha (three requests) is written, then the remote goes away while its relations are pulled.
    let down = true
    stub = await stubInFront(remote.endpoint, (n) => (n <= REQUESTS || !down ? pass : { kind: 'status', status: 502 }))
    local = await freshLocal()
    const first = testClient(stub.endpoint, { retries: 1 })
    await expect(pullMedia(local.database.db, systemClock, first.client, { ids: [ALPHA], relations: 1 })).rejects.toThrow(/HTTP 502 2 times in a row/)
    // Back up: the same endpoint, so the same record of what was pulled from it.
    down = false
    const again = testClient(stub.endpoint)
    const summary = await pullMedia(local.database.db, systemClock, again.client, { ids: [ALPHA], relations: 1 })
    expect(summary).toMatchObject({ inserted: 2, pulled: 2, skipped: 1 })
    // Beta and the manga: one batch and one page of people each; nothing asked about Alpha.
    expect(again.client.stats.requests).toBe(3)
  })

  it('asks again in smaller batches and pages when the remote finds a query too costly', async () => {
    // AniList's words for a query past its complexity limit, for any batch of more than one work or page of more than 10.
    const tooComplex: Behaviour = { kind: 'status', status: 400, body: JSON.stringify({ data: null, errors: [{ message: 'Max query complexity should be 500 but got 646.', status: 400 }] }) }
    const { summary, client } = await pullThrough((_n, body) => ((body.variables?.ids?.length ?? 0) > 1 || (body.variables?.perPage ?? 0) > 10 ? tooComplex : pass), [ALPHA, BETA, MANGA])
    expect(summary).toMatchObject({ inserted: 3, pulled: 3, notFound: [] })
    expect(summary.people).toMatchObject({ characters: { inserted: 30 }, staff: { inserted: 12 + 27 + 1 }, castsChanged: 3 })
    expect(summary.airingChanged).toBe(28)
    // Batches: of 3 refused, of 2 refused, then one work at a time (3). Pages: of 25 and of 13 refused,
    // then Alpha's 30 characters, 27 staff and 28 airings in 5 pages of 7; Beta and the manga one each.
    expect(client.stats.requests).toBe(1 + 1 + 3 + 2 + 5 + 1 + 1)
  })

  it('cannot reach the default endpoint (AniList) from a test: the network is off', async () => {
    local = await freshLocal()
    const { client } = testClient(DEFAULT_ENDPOINT, { retries: 0 })
    await expect(pullMedia(local.database.db, systemClock, client, { ids: [1] })).rejects.toThrow(`${DEFAULT_ENDPOINT} did not answer after 1 try: no network in tests: ${DEFAULT_ENDPOINT}/`)
  })

  it('never has more than one request in flight, even when asked for several at once', async () => {
    stub = await stubInFront(remote.endpoint, () => pass)
    const { client } = testClient(stub.endpoint)
    const ask = (id: number) => client.query('query ($id: Int) { Media(id: $id) { id } }', { id })
    const answers = await Promise.all([ask(ALPHA), ask(BETA), ask(MANGA)])
    expect(answers.map((a: any) => a.Media.id)).toEqual([ALPHA, BETA, MANGA])
    expect(stub.requests).toBe(3)
    expect(stub.maxInFlight).toBe(1)
    // And a whole pull through the same front stays at one.
    local = await freshLocal()
    await pullMedia(local.database.db, systemClock, client, { ids: [ALPHA, BETA, MANGA] })
    expect(stub.maxInFlight).toBe(1)
  })
})
