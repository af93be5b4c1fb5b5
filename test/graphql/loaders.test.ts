import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatementCounter } from '../helpers/statement-counter.js'
import { BatchLoader } from '../../src/graphql/server/batch-loader.js'
import { defineLoader, RequestLoaders } from '../../src/graphql/server/loaders.js'
import { mediaById, mediaByMal } from '../../src/graphql/modules/media/loaders.js'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { ask } from './media-helpers.js'


let s: TestServer
const counter = new StatementCounter()
beforeAll(async () => {
  s = await catalogServer()
  // Every resolver reads ctx.kiroku.db when it runs: route them through the counting handle.
  s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
})
afterAll(async () => s.app.close())

async function statementsFor(query: string, variables?: unknown): Promise<number> {
  counter.count = 0
  const res = await ask(s.app, query, variables)
  expect(res.body.errors).toBeUndefined()
  // ask() sends the document twice.
  return counter.count / 2
}

describe('batched loading', () => {
  it('answers many aliased Media(id:) fields with one query', async () => {
    const ids = [1, 5, 6, 20, 21, 30, 43, 47, 121, 164, 199, 205, 269, 530, 813]
    const query = `{ ${ids.map((id) => `m${id}: Media(id: ${id}) { id title { romaji } }`).join(' ')} }`
    expect(await statementsFor(query)).toBe(1)
  })

  it('answers many aliased Media(idMal:, type:) fields with one query per type', async () => {
    expect(await statementsFor('{ a: Media(idMal: 1, type: ANIME) { id } b: Media(idMal: 5, type: ANIME) { id } c: Media(idMal: 1, type: MANGA) { id } d: Media(idMal: 2, type: MANGA) { id } }')).toBe(2)
  })

  it('loads the related works of a whole page with one more query', async () => {
    expect(await statementsFor('{ Page(perPage: 50) { media(type: ANIME) { id relations { edges { relationType node { id title { romaji } } } } } } }')).toBe(2)
  })

  it('runs one query for a page of media, and one more only when pageInfo needs the total', async () => {
    expect(await statementsFor('{ Page(perPage: 50) { media(type: ANIME) { id title { userPreferred } genres } } }')).toBe(1)
    expect(await statementsFor('{ Page(perPage: 50) { pageInfo { currentPage perPage } media(type: ANIME) { id } } }')).toBe(1)
    expect(await statementsFor('{ Page(perPage: 50) { pageInfo { total lastPage hasNextPage } media(type: ANIME) { id } } }')).toBe(2)
  })
})

describe('BatchLoader', () => {
  it('gathers the loads of one tick into one batch of distinct keys, caching each key', async () => {
    const batches: number[][] = []
    const loader = new BatchLoader<number, string>(async (keys) => {
      batches.push(keys)
      return new Map(keys.filter((k) => k !== 404).map((k) => [k, `v${k}`]))
    })
    const first = await Promise.all([loader.load(1), loader.load(2), loader.load(1), loader.load(404)])
    expect(first).toEqual(['v1', 'v2', 'v1', null])
    expect(await loader.loadMany([2, 3])).toEqual(['v2', 'v3'])
    loader.prime(7, 'primed')
    expect(await loader.load(7)).toBe('primed')
    expect(batches).toEqual([[1, 2, 404], [3]])
  })

  it('rejects every load of a failed batch, and tries those keys again later', async () => {
    let fail = true
    const loader = new BatchLoader<number, number>(async (keys) => {
      if (fail) throw new Error('database down')
      return new Map(keys.map((k) => [k, k * 10]))
    })
    await expect(Promise.all([loader.load(1), loader.load(2)])).rejects.toThrow('database down')
    fail = false
    expect(await loader.load(1)).toBe(10)
  })

  it('gives each request its own loaders, made on first use, one per kind', async () => {
    const a = new RequestLoaders(s.app.kiroku.db)
    const b = new RequestLoaders(s.app.kiroku.db)
    expect(a.of(mediaById)).toBe(a.of(mediaById))
    expect(a.of(mediaById)).not.toBe(b.of(mediaById))
    expect((await a.of(mediaById).load(1))?.title.romaji).toBe('Cowboy Bebop')
    expect((await a.of(mediaByMal).load('MANGA:1'))?.id).toBe(30001)
    expect(await b.of(mediaByMal).load('ANY:999999')).toBeNull()
  })

  it('lets a batch prime another kind, and forgets a kind on reset', async () => {
    let batches = 0
    const squares = defineLoader<number, number>('squares', async (keys, loaders) => {
      batches++
      for (const k of keys) loaders.of(doubles).prime(k, k * 2)
      return new Map(keys.map((k) => [k, k * k]))
    })
    const doubles = defineLoader<number, number>('doubles', async () => new Map())
    const loaders = new RequestLoaders(s.app.kiroku.db)
    expect(await loaders.of(squares).load(3)).toBe(9)
    expect(await loaders.of(doubles).load(3)).toBe(6)
    await loaders.of(squares).load(3)
    expect(batches).toBe(1)
    loaders.reset(squares)
    expect(await loaders.of(squares).load(3)).toBe(9)
    expect(batches).toBe(2)
  })
})
