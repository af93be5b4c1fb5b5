/**
 * Strings that reach SQL: a NUL character anywhere (a literal, a variable, deep in an input object or
 * list) is a 400 before anything runs, since PostgreSQL cannot hold one; LIKE patterns and other text
 * filters have length caps (SQLite refuses a LIKE pattern over 50,000 bytes as "too complex"). Every
 * string argument of the schema is tried with both, and none may answer a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSchema, getNamedType, getNullableType, isListType, isNonNullType, isScalarType, type GraphQLArgument, type GraphQLField, type GraphQLObjectType } from 'graphql'
import { loadSchemaSdl } from '../../src/graphql/schema.js'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, type ListUser } from '../helpers/lists.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'

const NUL_MESSAGE = 'Strings may not contain the NUL character (U+0000).'
const HUGE = '%'.repeat(60_000)

let s: TestServer
let alice: ListUser
beforeAll(async () => {
  s = await listServer()
  alice = await listUser(s.app, 'alice')
  await addEntries(s.app, alice.user.id, [[1, 'ANIME', { status: 'COMPLETED', notes: 'fine' }]])
})
afterAll(async () => s.app.close())

const post = (query: string, variables?: unknown, token?: string) =>
  postJson(s.app, { query, variables }, { headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('the NUL character', () => {
  it('is refused in a literal, located at it', async () => {
    const body = expectAniListError(await post('{\n  User(name: "a\\u0000") { id }\n}'), 400, NUL_MESSAGE)
    expect(body).toEqual({ data: null, errors: [{ message: NUL_MESSAGE, status: 400, locations: [{ line: 2, column: 14 }] }] })
    expectAniListError(await post('query ($n: String = "x\\u0000y") { User(name: $n) { id } }'), 400, NUL_MESSAGE)
  })

  it('is refused in a variable, at any depth of a list or input object', async () => {
    expectAniListError(await post('query ($n: String) { User(name: $n) { id } }', { n: 'a\u0000' }), 400, NUL_MESSAGE)
    expectAniListError(await post('query ($g: [String]) { Page { media(genre_in: $g) { id } } }', { g: ['Action', 'x\u0000'] }), 400, NUL_MESSAGE)
    const nested = await post('mutation ($o: MediaListOptionsInput) { UpdateUser(animeListOptions: $o) { id } }', { o: { customLists: ['ok', 'bad\u0000'] } }, alice.token)
    expectAniListError(nested, 400, NUL_MESSAGE)
    // Nothing was saved.
    const lists = await post('{ Viewer { mediaListOptions { animeList { customLists } } } }', undefined, alice.token)
    expect(lists.json().data.Viewer.mediaListOptions.animeList.customLists).toEqual([])
  })

  it('is fine elsewhere in text: other control characters pass', async () => {
    const res = await post('query ($n: String) { User(name: $n) { id } }', { n: 'a\u0001' })
    expectAniListError(res, 404, 'Not Found.')
  })
})

describe('length caps on text filters', () => {
  it('refuse a long LIKE pattern on dates and notes with a 400 naming the argument', async () => {
    const cases: Array<[string, string]> = [
      ['query ($p: String) { Page { media(startDate_like: $p) { id } } }', 'startDate_like accepts at most 32 characters.'],
      ['query ($p: String) { Page { media(endDate_like: $p) { id } } }', 'endDate_like accepts at most 32 characters.'],
      ['query ($p: String) { Page { mediaList(startedAt_like: $p) { id } } }', 'startedAt_like accepts at most 32 characters.'],
      ['query ($p: String) { MediaList(completedAt_like: $p) { id } }', 'completedAt_like accepts at most 32 characters.'],
      ['query ($p: String) { MediaListCollection(userId: 1, type: ANIME, startedAt_like: $p) { hasNextChunk } }', 'startedAt_like accepts at most 32 characters.'],
      ['query ($p: String) { Page { mediaList(notes_like: $p) { id } } }', 'notes_like accepts at most 200 characters.'],
    ]
    for (const [query, message] of cases) {
      const max = Number(/at most (\d+)/.exec(message)![1])
      // At the cap, a pattern runs (MediaList answers 404 when nothing matches).
      expect([200, 404], query).toContain((await post(query, { p: '%'.repeat(max) })).statusCode)
      expectAniListError(await post(query, { p: '2016%'.padEnd(max + 1, '_') }), 400, message)
      expectAniListError(await post(query, { p: HUGE }), 400, message)
    }
    // Patterns of a sensible length still match.
    const fine = await post('{ Page { mediaList(startedAt_like: "%", notes_like: "FIN") { mediaId } } }')
    expect(fine.statusCode, fine.body).toBe(200)
  })

  it('refuse a long genre, tag, name or user name', async () => {
    const long = 'a'.repeat(201)
    expectAniListError(await post('query ($g: String) { Page { media(genre: $g) { id } } }', { g: long }), 400, 'genre accepts at most 200 characters.')
    expectAniListError(await post('query ($g: [String]) { Page { media(genre_not_in: $g) { id } } }', { g: ['Drama', long] }), 400, 'genre_not_in accepts values of at most 200 characters.')
    expectAniListError(await post('query ($n: String) { User(name: $n) { id } }', { n: long }), 400, 'name accepts at most 200 characters.')
    expectAniListError(await post('query ($n: String) { MediaList(userName: $n) { id } }', { n: long }), 400, 'userName accepts at most 200 characters.')
    expectAniListError(await post('query ($n: String) { MediaListCollection(userName: $n, type: ANIME) { hasNextChunk } }', { n: long }), 400, 'userName accepts at most 200 characters.')
  })
})

/** Every argument of `field` that takes text (String, or a list of String), by name. */
function textArguments(field: GraphQLField<unknown, unknown>): GraphQLArgument[] {
  return field.args.filter((arg) => {
    const named = getNamedType(arg.type)
    return isScalarType(named) && named.name === 'String'
  })
}

describe('every string argument of the schema', () => {
  // The arguments a field needs so that its text argument is read at all.
  const REQUIRED: Record<string, string> = { MediaListCollection: 'type: ANIME, userId: 1', ToggleFavourite: 'animeId: 1' }

  function documents(): Array<{ query: string; name: string; listed: boolean; mutation: boolean }> {
    const schema = buildSchema(loadSchemaSdl())
    const out: Array<{ query: string; name: string; listed: boolean; mutation: boolean }> = []
    const roots: Array<[GraphQLObjectType, boolean]> = [[schema.getQueryType()!, false], [schema.getMutationType()!, true]]
    const pageFields = (schema.getType('Page') as GraphQLObjectType).getFields()
    for (const [root, mutation] of roots) {
      for (const field of Object.values(root.getFields())) {
        for (const arg of textArguments(field)) {
          const listed = isListType(getNullableType(arg.type))
          const type = `${listed ? '[String]' : 'String'}${isNonNullType(arg.type) ? '!' : ''}`
          const extra = REQUIRED[field.name] ? `, ${REQUIRED[field.name]}` : ''
          const selection = isScalarType(getNamedType(field.type)) ? '' : ' { __typename }'
          out.push({ query: `${mutation ? 'mutation' : 'query'} ($v: ${type}) { ${field.name}(${arg.name}: $v${extra})${selection} }`, name: `${field.name}.${arg.name}`, listed, mutation })
        }
      }
    }
    for (const field of Object.values(pageFields)) {
      for (const arg of textArguments(field)) {
        const listed = isListType(getNullableType(arg.type))
        out.push({ query: `query ($v: ${listed ? '[String]' : 'String'}) { Page { ${field.name}(${arg.name}: $v) { __typename } } }`, name: `Page.${field.name}.${arg.name}`, listed, mutation: false })
      }
    }
    return out
  }

  it('is found: there are dozens', () => {
    expect(documents().length).toBeGreaterThan(40)
  })

  it('answers 60,000 characters of wildcards below 500, and a NUL with the 400', async () => {
    for (const { query, name, listed } of documents()) {
      const wrap = (value: string) => (listed ? [value] : value)
      const huge = await post(query, { v: wrap(HUGE) }, alice.token)
      expect(huge.statusCode, `${name}: ${huge.body.slice(0, 300)}`).toBeLessThan(500)
      const nul = await post(query, { v: wrap('x\u0000') }, alice.token)
      expect(nul.statusCode, `${name}: ${nul.body.slice(0, 300)}`).toBe(400)
      expect(nul.json().errors[0].message, name).toBe(NUL_MESSAGE)
    }
  })
})
