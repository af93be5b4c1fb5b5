/**
 * The cost estimate on Kiroku's own schema: computed from the values that will really be used
 * (variable defaults filled in, sizes clamped to the resolvers' caps), lists charged at the size they
 * can really reach, list arguments by their length, introspection by the schema's real size. And
 * every list field of the schema has a known bound.
 */
import { describe, expect, it } from 'vitest'
import {
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
} from 'graphql'
import { queryCost } from '../../src/graphql/server/query-cost.js'
import { isMetered, meterLists } from '../../src/graphql/server/cost-meter.js'
import { kirokuSchema } from '../../src/graphql/schema.js'
import { COLLECTION_GROUPS } from '../../src/graphql/modules/lists/index.js'
import { RELATIONS_ESTIMATE, TAG_COLLECTION_ESTIMATE } from '../../src/graphql/modules/media/index.js'
import { loadConfig } from '../../src/app/config.js'

const { sdl, resolvers, listSizes: KIROKU_LIST_SIZES } = kirokuSchema()
const schema = buildSchema(sdl)

function cost(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source)
  return queryCost(schema, document, getOperationAST(document)!, variables, KIROKU_LIST_SIZES)
}

describe('the cost of a Page', () => {
  it('charges a page without perPage at the 50 items the resolver returns', () => {
    expect(cost('{ Page { media { id } } }')).toBe(1 + 1 + 50)
    expect(cost('{ Page { pageInfo { total } users { id name } } }')).toBe(1 + 2 + 1 + 50 * 2)
  })

  it('clamps perPage as the resolver does: at most 50, at least 1', () => {
    expect(cost('{ Page(perPage: 1000) { media { id } } }')).toBe(1 + 1 + 50)
    expect(cost('{ Page(perPage: 0) { media { id } } }')).toBe(1 + 1 + 1)
    expect(cost('{ Page(perPage: 7) { media { id } mediaList { id } } }')).toBe(1 + 2 + 7 * 2)
  })

  it("fills in a variable's default from the document, and reads a variable sent as a string", () => {
    expect(cost('query ($n: Int = 50) { Page(perPage: $n) { media { id } } }')).toBe(1 + 1 + 50)
    expect(cost('query ($n: Int = 50) { Page(perPage: $n) { media { id } } }', { n: 5 })).toBe(1 + 1 + 5)
    // null is sent on purpose: the resolver then uses its own default.
    expect(cost('query ($n: Int = 3) { Page(perPage: $n) { media { id } } }', { n: null })).toBe(1 + 1 + 50)
  })

  it('charges every value of a list argument', () => {
    const ids = Array.from({ length: 300 }, (_, i) => i + 1)
    expect(cost('query ($ids: [Int]) { Page(perPage: 1) { media(id_in: $ids, sort: [POPULARITY_DESC, ID]) { id } } }', { ids })).toBe(1 + 1 + 300 + 2 + 1)
  })
})

describe('the cost of a list collection', () => {
  const query = (args: string) => `{ MediaListCollection(userId: 1, type: ANIME${args}) { hasNextChunk lists { name entries { id media { id } } } } }`
  // The collection, hasNextChunk, lists; each group its name and its entries field; each entry 3 fields.
  const estimate = (entries: number) => 1 + 1 + 1 + COLLECTION_GROUPS * 2 + entries * 3

  it('charges a whole list (no chunk) as a full chunk of 500 entries before it runs', () => {
    expect(cost(query(''))).toBe(estimate(500))
  })

  it('charges a chunk at its perChunk, clamped to 500 as the resolver does, 500 when only chunk is given', () => {
    expect(cost(query(', perChunk: 20'))).toBe(estimate(20))
    expect(cost(query(', chunk: 2, perChunk: 5000'))).toBe(estimate(500))
    expect(cost(query(', chunk: 3'))).toBe(estimate(500))
    expect(cost('query ($c: Int = 40) { MediaListCollection(userId: 1, type: ANIME, perChunk: $c) { lists { entries { id } } } }')).toBe(1 + 1 + COLLECTION_GROUPS + 40)
  })

  it('charges the deprecated statusLists and customLists by the same entries', () => {
    expect(cost('{ MediaListCollection(userId: 1, type: ANIME, perChunk: 10) { statusLists { id } customLists { id score } } }')).toBe(1 + (1 + 10) + (1 + 10 * 2))
  })
})

describe('the cost of other lists', () => {
  it('charges UpdateMediaListEntries by the real number of ids it writes', () => {
    const ids = Array.from({ length: 500 }, (_, i) => i + 1)
    expect(cost('mutation ($ids: [Int]) { UpdateMediaListEntries(ids: $ids, progress: 1) { id status } }', { ids })).toBe(1 + 500 + 500 * 2)
    expect(cost('mutation { UpdateMediaListEntries(ids: [1, 2, 3], progress: 1) { id } }')).toBe(1 + 3 + 3)
  })

  it("charges favourites at their page of 25, and a work's relations at their estimate", () => {
    expect(cost('{ Viewer { favourites { anime { nodes { id } } manga(perPage: 5) { edges { node { id } } } } } }')).toBe(1 + 1 + (1 + 1 + 25) + (1 + 1 + 5 * 2))
    expect(cost('{ Media(id: 1) { relations { edges { relationType node { id } } } } }')).toBe(1 + 1 + 1 + RELATIONS_ESTIMATE * 3)
  })

  it('charges statistics breakdowns at their largest size, lowered by limit', () => {
    expect(cost('{ Viewer { statistics { anime { statuses { count } formats(limit: 3) { count } tags { count } } } } }')).toBe(1 + 1 + 1 + (1 + 6) + (1 + 3) + (1 + TAG_COLLECTION_ESTIMATE))
  })

  it('charges a list of plain values as one field', () => {
    expect(cost('{ Media(id: 1) { genres synonyms } }')).toBe(3)
  })
})

describe('the cost of introspection', () => {
  const types = Object.keys(schema.getTypeMap()).length

  it('is the real size of the answer, read from the schema', () => {
    expect(cost('{ __schema { types { name } } }')).toBe(1 + 1 + types)
    const group = schema.getType('MediaListGroup')
    expect(isObjectType(group)).toBe(true)
    const fields = Object.keys((group as { getFields(): object }).getFields()).length
    expect(cost('{ __type(name: "MediaListGroup") { name fields { name type { name } } } }')).toBe(1 + 1 + 1 + fields * 3)
    expect(cost('{ __type(name: "Nothing") { name fields { name } } }')).toBe(1)
  })

  it('lets the full introspection query through by default, however many types the schema has', () => {
    const document = parse(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }))
    const full = queryCost(schema, document, getOperationAST(document)!, {}, KIROKU_LIST_SIZES)
    expect(full).toBeGreaterThan(types * 5)
    expect(full).toBeLessThanOrEqual(loadConfig({}, {}).maxQueryCost)
  })
})

describe('every list field of the schema', () => {
  const listFields: Array<{ key: string; ofObjects: boolean }> = []
  for (const type of Object.values(schema.getTypeMap())) {
    // Introspection's own lists are charged by the schema's real size (above).
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type))) listFields.push({ key: `${type.name}.${field.name}`, ofObjects: isCompositeType(getNamedType(field.type)) })
    }
  }

  it('is found: there are dozens', () => {
    expect(listFields.length).toBeGreaterThan(30)
  })

  it('has a size rule saying how long it can be, and why', () => {
    for (const { key } of listFields) {
      const size = KIROKU_LIST_SIZES.lists[key]
      expect(size, `${key} has no size rule: its module's listRules must say how long it can be`).toBeDefined()
      expect(size!.bound.length, key).toBeGreaterThan(10)
      if (size!.kind === 'most') expect(Number.isSafeInteger(size!.max) && size!.max >= 0, key).toBe(true)
    }
    // No rule is left for a field the schema no longer has.
    expect(Object.keys(KIROKU_LIST_SIZES.lists).sort()).toEqual(listFields.map((f) => f.key).sort())
  })

  it('is charged by its real length as it resolves, when it holds objects', () => {
    const metered = meterLists(buildSchema(sdl), resolvers) as Record<string, Record<string, unknown>>
    for (const { key, ofObjects } of listFields) {
      const [type, field] = key.split('.') as [string, string]
      expect(isMetered(metered[type]?.[field]), key).toBe(ofObjects)
    }
  })
})
