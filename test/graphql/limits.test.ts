/** Limits against abuse: query depth, query cost, body size, batches; all refused before execution. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSchema, getIntrospectionQuery, getOperationAST, Kind, parse, type DocumentNode } from 'graphql'
import { queryCost, UNRULED_LIST_SIZE } from '../../src/graphql/server/query-cost.js'
import { clampSize, type ListSizes } from '../../src/graphql/server/list-sizes.js'
import { queryDepth } from '../../src/graphql/server/query-depth.js'
import { rootFields } from '../../src/graphql/server/root-fields.js'
import { aliasCount } from '../../src/graphql/server/alias-count.js'
import { ConfigError, loadConfig } from '../../src/app/config.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { expectAniListError, postJson, schemaServer, type SchemaServer } from '../helpers/graphql.js'

// An AniList-shaped schema in miniature: pages, connections, chunked list collections, statistics.
const SDL = `
type Query {
  Page(page: Int, perPage: Int): Page
  Media(id: Int): Media
  MediaListCollection(userId: Int, chunk: Int, perChunk: Int): MediaListCollection
  Viewer: User
  Search: [SearchResult]
}
type Page { pageInfo: PageInfo media(search: String): [Media] }
type PageInfo { total: Int hasNextPage: Boolean }
type Media { id: Int title: MediaTitle genres: [String] tags: [MediaTag] characters(page: Int, perPage: Int): CharacterConnection sequel: Media }
type MediaTitle { romaji: String english: String }
type MediaTag { name: String }
type CharacterConnection { nodes: [Character] }
type Character { id: Int media: [Media] }
type MediaListCollection { lists: [MediaListGroup] hasNextChunk: Boolean }
type MediaListGroup { name: String entries: [MediaList] }
type MediaList { id: Int media: Media }
type User { id: Int genres(limit: Int): [GenreStatistic] }
type GenreStatistic { genre: String count: Int }
union SearchResult = Media | User
`
const schema = buildSchema(SDL)

function cost(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source)
  return queryCost(schema, document, getOperationAST(document)!, variables, SIZES)
}
function depth(source: string): number {
  const document = parse(source)
  return queryDepth(document, getOperationAST(document)!)
}
/** `document` with a counter of how often its fragments' selections are walked. */
function countingFragmentWalks(document: DocumentNode): { document: DocumentNode; walks: () => number } {
  let walks = 0
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) return definition
    const copy = { ...definition }
    Object.defineProperty(copy, 'selectionSet', { get: () => (walks++, definition.selectionSet) })
    return copy
  })
  return { document: { ...document, definitions }, walks: () => walks }
}
/** Fragments that each select the next one twice, under two aliases: 2^levels fields once expanded. */
function doublingChain(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment C${i} on Media { a: sequel { ...C${i + 1} } b: sequel { ...C${i + 1} } }`)
  return `{ Media { ...C0 } } ${fragments.join(' ')} fragment C${levels} on Media { id }`
}

describe('queryDepth', () => {
  it('counts the fields on the deepest path', () => {
    expect(depth('{ Viewer { id } }')).toBe(2)
    expect(depth('{ Media { id title { romaji } } Viewer { id } }')).toBe(3)
    expect(depth('{ Page { media { characters { nodes { media { id } } } } } }')).toBe(6)
  })

  it('adds no level for fragments, named, nested or inline', () => {
    expect(depth('{ Media { ...M } } fragment M on Media { title { ...T } } fragment T on MediaTitle { romaji }')).toBe(3)
    expect(depth('{ Search { ... on Media { title { romaji } } ... on User { id } } }')).toBe(3)
  })

  it('ends on fragment cycles, which validation refuses afterwards', () => {
    expect(depth('{ Media { ...A } } fragment A on Media { id ...B } fragment B on Media { title { romaji } ...A }')).toBe(3)
  })

  it('walks each fragment once, so a fragment bomb is measured without expanding it', () => {
    const levels = 16
    const { document, walks } = countingFragmentWalks(parse(doublingChain(levels)))
    expect(queryDepth(document, getOperationAST(document)!)).toBe(1 + levels + 1)
    // Expanded, the chain would walk its fragments 2^16 times.
    expect(walks()).toBeLessThanOrEqual(levels + 1)
  })
})

// How long the miniature schema's lists are: a page, a connection with its own perPage, a chunked
// collection of four groups at most, statistics with a limit.
const SIZES: ListSizes = {
  lists: {
    'Page.media': { kind: 'page', bound: 'its page' },
    'CharacterConnection.nodes': { kind: 'page', bound: 'its page' },
    'MediaListCollection.lists': { kind: 'groups', bound: 'four groups' },
    'MediaListGroup.entries': { kind: 'entries', bound: 'the chunk' },
    'User.genres': { kind: 'most', max: 30, bound: 'thirty genres' },
  },
  openers: {
    'Query.Page': (args) => ({ page: clampSize(args.perPage, 50, 50) }),
    'Media.characters': (args) => ({ page: clampSize(args.perPage, 25, 25) }),
    'Query.MediaListCollection': (args) => ({ groups: 4, entries: clampSize(args.perChunk, 500, 500) }),
  },
}

describe('queryCost', () => {
  it('counts one per field, and nothing for __typename', () => {
    expect(cost('{ Media(id: 1) { id title { romaji english } } }')).toBe(5)
    expect(cost('{ Media { __typename id genres } }')).toBe(3)
  })

  it('counts aliased fields each time they are selected', () => {
    expect(cost('{ a: Media { id } b: Media { id } c: Viewer { id } }')).toBe(6)
  })

  it(`multiplies a list of objects without a size rule by ${UNRULED_LIST_SIZE}`, () => {
    expect(cost('{ Media { tags { name } } }')).toBe(1 + 1 + UNRULED_LIST_SIZE)
  })

  it("sizes a page's list by its clamped perPage, as a literal, a variable or a variable's default", () => {
    expect(cost('{ Page { media { id } } }')).toBe(1 + 1 + 50)
    expect(cost('{ Page(perPage: 5) { pageInfo { total } media { id title { romaji } } } }')).toBe(1 + 2 + 1 + 5 * 3)
    expect(cost('query ($n: Int) { Page(perPage: $n) { media { id } } }', { n: 2 })).toBe(1 + 1 + 2)
    expect(cost('query ($n: Int = 9) { Page(perPage: $n) { media { id } } }')).toBe(1 + 1 + 9)
    expect(cost('{ Page(perPage: 500) { media { tags { name } } } }')).toBe(1 + 1 + 50 * (1 + UNRULED_LIST_SIZE))
  })

  it("sizes a connection's nodes by its field's perPage, and a list by its limit", () => {
    expect(cost('{ Media { characters(perPage: 3) { nodes { id } } } }')).toBe(1 + 1 + 1 + 3)
    expect(cost('{ Media { characters { nodes { id } } } }')).toBe(1 + 1 + 1 + 25)
    expect(cost('{ Viewer { genres(limit: 4) { genre count } } }')).toBe(1 + 1 + 4 * 2)
    expect(cost('{ Viewer { genres { genre count } } }')).toBe(1 + 1 + 30 * 2)
  })

  it("shares a chunk's entries out over its groups: each entry is charged once", () => {
    // The collection, hasNextChunk, lists; per group its name and entries field; 500 entries.
    expect(cost('{ MediaListCollection(perChunk: 500) { hasNextChunk lists { name entries { id } } } }')).toBe(1 + 1 + 1 + 4 * 2 + 500)
    expect(cost('{ MediaListCollection(perChunk: 7) { lists { entries { id media { id } } } } }')).toBe(1 + 1 + 4 + 7 * 3)
  })

  it('costs fragments, nested and inline, as if written in place', () => {
    const inPlace = cost('{ Page(perPage: 7) { media { id title { romaji } } } }')
    expect(cost('{ Page(perPage: 7) { ...P } } fragment P on Page { media { ...M } } fragment M on Media { id ...T } fragment T on Media { title { romaji } }')).toBe(inPlace)
    expect(cost('{ Page(perPage: 7) { ... on Page { media { ... { id title { romaji } } } } } }')).toBe(inPlace)
    expect(cost('{ Search { ... on Media { id } ... on User { id } } }')).toBe(1 + UNRULED_LIST_SIZE * 2)
  })

  it('counts unknown fields as 1 and ends on fragment cycles (validation refuses both afterwards)', () => {
    expect(cost('{ Nope { deeper { still } } Media { nothing } }')).toBe(3)
    expect(cost('{ Media { ...A } } fragment A on Media { id ...B } fragment B on Media { ...A }')).toBe(2)
  })

  it('walks each fragment once per inherited scope, so a fragment bomb is costed in full without expanding it', () => {
    const levels = 16
    const { document, walks } = countingFragmentWalks(parse(doublingChain(levels)))
    // Each level costs its two aliased sequels plus twice the next level: c(i) = 2 × (1 + c(i + 1)).
    let expected = 1
    for (let i = 0; i < levels; i++) expected = 2 * (1 + expected)
    expect(queryCost(schema, document, getOperationAST(document)!, {}, SIZES)).toBe(1 + expected)
    expect(walks()).toBeLessThanOrEqual(levels + 1)
  })

  it('counts arguments that do not coerce as none, and variables that do not as sent', () => {
    expect(cost('{ Page(perPage: "many") { media { id } } }')).toBe(1 + 1 + 50)
    expect(cost('query ($n: Int) { Page(perPage: $n) { media { id } } }', { n: 'many' })).toBe(1 + 1 + 50)
  })
})

describe('MAX_QUERY_DEPTH and MAX_QUERY_COST', () => {
  it('default to 20 and 250000, and 0 turns either off', () => {
    const defaults = loadConfig({}, {})
    expect([defaults.maxQueryDepth, defaults.maxQueryCost]).toEqual([20, 250_000])
    const set = loadConfig({}, { MAX_QUERY_DEPTH: '12', MAX_QUERY_COST: '0' })
    expect([set.maxQueryDepth, set.maxQueryCost]).toEqual([12, 0])
    for (const bad of ['-1', 'deep', '2.5']) {
      expect(() => loadConfig({}, { MAX_QUERY_DEPTH: bad })).toThrow(ConfigError)
      expect(() => loadConfig({}, { MAX_QUERY_COST: bad })).toThrow(ConfigError)
    }
  })

  it('let the standard introspection query through by default', () => {
    const document = parse(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }))
    const operation = getOperationAST(document)!
    const defaults = loadConfig({}, {})
    expect(queryDepth(document, operation)).toBeLessThanOrEqual(defaults.maxQueryDepth)
    expect(queryCost(schema, document, operation, {}, SIZES)).toBeLessThanOrEqual(defaults.maxQueryCost)
  })
})

describe('MAX_ROOT_FIELDS and MAX_ALIASES', () => {
  it('default to 50 and 100, and 0 turns either off', () => {
    const defaults = loadConfig({}, {})
    expect([defaults.maxRootFields, defaults.maxAliases]).toEqual([50, 100])
    const set = loadConfig({}, { MAX_ROOT_FIELDS: '3', MAX_ALIASES: '0' })
    expect([set.maxRootFields, set.maxAliases]).toEqual([3, 0])
    for (const bad of ['-1', 'many', '2.5', '']) {
      expect(() => loadConfig({}, { MAX_ROOT_FIELDS: bad })).toThrow(ConfigError)
      expect(() => loadConfig({}, { MAX_ALIASES: bad })).toThrow(ConfigError)
    }
  })
})

describe('rootFields and aliasCount', () => {
  const roots = (source: string) => {
    const document = parse(source)
    return [...rootFields(document, getOperationAST(document)!).keys()]
  }
  const aliases = (source: string) => {
    const document = parse(source)
    return aliasCount(document, getOperationAST(document)!)
  }

  it('collects root fields by response name, through fragments, each named fragment once', () => {
    expect(roots('{ a: Media { id } Viewer { id } Media { id } }')).toEqual(['a', 'Viewer', 'Media'])
    expect(roots('{ Viewer { id } ...F ... on Query { b: Viewer { id } } } fragment F on Query { c: Media { id } Viewer { id } ...F }')).toEqual(['Viewer', 'c', 'b'])
  })

  it('counts aliased fields as they would run: a fragment once per spread, __typename never', () => {
    expect(aliases('{ a: Media { b: id } Viewer { c: id } }')).toBe(3)
    expect(aliases('{ x: Media { ...F } y: Media { ...F } } fragment F on Media { a: id b: genres t: __typename }')).toBe(2 + 2 * 2)
    // Doubling fragments are counted without being expanded.
    expect(aliases(doublingChain(40))).toBe(2 ** 41 - 2)
  })
})

describe('limits on the GraphQL endpoint', () => {
  let s: SchemaServer
  let runs = 0
  let pageRuns = 0
  const media = () => {
    runs++
    return { id: 1, title: {} }
  }
  beforeAll(async () => {
    s = await schemaServer(SDL, { Query: { Media: media, Page: () => (pageRuns++, { media: [], pageInfo: {} }), Viewer: () => ({ id: 1 }) } }, { maxQueryDepth: 4, maxQueryCost: 60, maxRootFields: 5, maxAliases: 8 })
  })
  afterAll(async () => s.close())

  it('refuses an operation nested too deeply with a located 400, before running it', async () => {
    const before = runs
    expect((await postJson(s.app, { query: '{ Media { title { romaji } } }' })).statusCode).toBe(200)
    const res = await postJson(s.app, { query: 'query Deep {\n  Media { characters { nodes { media { id } } } }\n}' })
    const body = expectAniListError(res, 400, 'The query is nested too deeply: 5 levels of fields, more than the limit of 4.')
    expect(body).toEqual({ data: null, errors: [{ message: expect.any(String), status: 400, locations: [{ line: 1, column: 1 }] }] })
    expect(runs).toBe(before + 1)
  })

  it('refuses an operation that asks for too much with a located 400, before running it', async () => {
    const before = pageRuns
    // Page, media, and three fields per item: 2 + 3n, sized by the variable sent as a string.
    const query = 'query ($n: Int) { Page(perPage: $n) { media { id title { romaji } } } }'
    expect((await postJson(s.app, { query, variables: { n: '19' } })).statusCode).toBe(200)
    expect(pageRuns).toBe(before + 1)
    const res = await postJson(s.app, { query, variables: { n: '20' } })
    const body = expectAniListError(res, 400, 'The query asks for too much at once: its cost is 62, more than the limit of 60. Select fewer fields or ask for smaller pages or chunks (perPage, chunk and perChunk).')
    expect(body.data).toBeNull()
    expect(body.errors[0]!.locations).toEqual([{ line: 1, column: 1 }])
    expect(pageRuns).toBe(before + 1)
  })

  it('refuses more root fields than MAX_ROOT_FIELDS allows, whatever their cost, before running any', async () => {
    const pages = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: Page { pageInfo { total } }`).join(' ')} }`
    const before = pageRuns
    expect((await postJson(s.app, { query: pages(5) })).statusCode).toBe(200)
    expect(pageRuns).toBe(before + 5)
    for (const n of [6, 500]) {
      const body = expectAniListError(await postJson(s.app, { query: pages(n) }), 400, `The query selects too many root fields: ${n}, more than the limit of 5. Send fewer fields (aliases included) per request.`)
      expect(body.errors[0]!.locations).toEqual([{ line: 1, column: 1 }])
    }
    // Spread through a fragment, they count the same; __typename is free.
    expectAniListError(await postJson(s.app, { query: '{ a: Viewer { id } ...F } fragment F on Query { b: Viewer { id } c: Viewer { id } d: Viewer { id } e: Viewer { id } f: Viewer { id } }' }), 400, /^The query selects too many root fields: 6,/)
    expect((await postJson(s.app, { query: '{ __typename a: Viewer { id } b: Viewer { id } c: Viewer { id } d: Viewer { id } e: Viewer { id } }' })).statusCode).toBe(200)
    expect(pageRuns).toBe(before + 5)
  })

  it('refuses more aliases than MAX_ALIASES allows, at any depth, before running', async () => {
    const before = runs
    const aliased = (n: number) => `{ Media { ${Array.from({ length: n }, (_, i) => `t${i}: title { romaji }`).join(' ')} } }`
    expect((await postJson(s.app, { query: aliased(8) })).statusCode).toBe(200)
    expectAniListError(await postJson(s.app, { query: aliased(9) }), 400, 'The query uses too many aliases: 9, more than the limit of 8.')
    expect(runs).toBe(before + 1)
  })

  it('refuses batched (array) bodies with a clear 400', async () => {
    const before = runs
    const res = await postJson(s.app, [{ query: '{ Media { id } }' }, { query: '{ Media { id } }' }])
    expectAniListError(res, 400, 'Batched queries are not supported: send one operation per request.')
    expect(runs).toBe(before)
  })
})

describe('limits on the real server', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer()
  })
  afterAll(async () => s.app.close())

  it('answers the full introspection query with the default limits', async () => {
    const res = await postJson(s.app, { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) })
    expect(res.statusCode).toBe(200)
    expect(res.json().data.__schema.queryType).toMatchObject({ name: 'Query' })
  })

  it('refuses an over-deep introspection query', async () => {
    const nest = (levels: number): string => (levels === 0 ? 'name' : `name fields { type { ${nest(levels - 1)} } }`)
    const res = await postJson(s.app, { query: `{ __schema { types { ${nest(10)} } } }` })
    expectAniListError(res, 400, /^The query is nested too deeply: 23 levels of fields, more than the limit of 20\.$/)
  })

  it('answers a body over 1 MiB with a 413 on /graphql and on /', async () => {
    for (const url of ['/graphql', '/']) {
      const res = await postJson(s.app, { query: '{ Viewer { id } }', padding: 'x'.repeat(1024 * 1024) }, { url })
      expectAniListError(res, 413, 'The request body is too large.')
    }
  })

  it('refuses batched (array) bodies on / too', async () => {
    expectAniListError(await postJson(s.app, [{ query: '{ Viewer { id } }' }], { url: '/' }), 400, 'Batched queries are not supported: send one operation per request.')
  })
})
