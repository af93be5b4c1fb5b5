/**
 * The parameters of a GraphQL request are checked for their types, and the document is parsed within
 * limits, by Kiroku before Mercurius sees anything: a wrong type or a document that does not parse is a
 * 400 in AniList's shape, and nothing runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_NESTING, MAX_DOCUMENT_TOKENS } from '../../src/graphql/server/documents.js'
import { expectAniListError, getQuery, postJson, schemaServer, type SchemaServer } from '../helpers/graphql.js'

const SDL = `
type Query { ping(x: [Int]): Int node: Node echo(x: [Int]): Int }
type Node { id: Int next: Node }
type Mutation { poke: Int }
`

describe('GraphQL request parameters', () => {
  let s: SchemaServer
  let runs = 0
  beforeAll(async () => {
    const node = () => (runs++, { id: 1, next: {} })
    s = await schemaServer(SDL, { Query: { ping: () => ++runs, node, echo: (_: unknown, args: { x: number[] }) => args.x.length }, Node: { next: node }, Mutation: { poke: () => ++runs } })
  })
  afterAll(async () => s.close())
  beforeEach(() => {
    runs = 0
  })

  it('refuses a query that is not a string, however it is wrapped, and runs nothing', async () => {
    // The array held a document Mercurius would have unwrapped and run without the depth and cost checks.
    for (const query of [['{ ping }'], [], 5, true, { query: '{ ping }' }]) {
      const body = expectAniListError(await postJson(s.app, { query }), 400, '"query" must be a string holding a GraphQL document.')
      expect(body.data).toBeNull()
    }
    expect(runs).toBe(0)
  })

  it('refuses a request without a query', async () => {
    for (const body of [{}, { query: null }, { variables: {} }]) {
      expectAniListError(await postJson(s.app, body), 400, 'No query was sent: the body must be JSON with a "query" string.')
    }
    expect(runs).toBe(0)
  })

  it('answers a document that does not parse with AniList\'s located "Syntax Error"', async () => {
    for (const [query, location] of [['null', { line: 1, column: 1 }], ['[]', { line: 1, column: 1 }], ['{ ping ', { line: 1, column: 8 }], ['', { line: 1, column: 1 }]] as const) {
      const res = await postJson(s.app, { query })
      const body = expectAniListError(res, 400, /^Syntax Error: /)
      expect(body).toEqual({ data: null, errors: [{ message: expect.any(String), status: 400, locations: [location] }] })
    }
    expect(runs).toBe(0)
  })

  it('refuses an operationName that is not a string, and takes null or none', async () => {
    for (const operationName of [5, ['A'], { name: 'A' }, true]) {
      expectAniListError(await postJson(s.app, { query: 'query A { ping }', operationName }), 400, '"operationName" must be a string.')
    }
    expect(runs).toBe(0)
    expect((await postJson(s.app, { query: 'query A { ping }', operationName: null })).statusCode).toBe(200)
    expect((await postJson(s.app, { query: 'query A { ping }', operationName: 'A' })).statusCode).toBe(200)
  })

  it('refuses variables and extensions of the wrong type', async () => {
    for (const variables of [5, true, 'x', ['a']]) {
      expectAniListError(await postJson(s.app, { query: '{ ping }', variables }), 400, /^"variables" (must be a JSON object \(or null\)|is not valid JSON)\.$/)
    }
    for (const extensions of [5, 'x', ['a'], true]) {
      expectAniListError(await postJson(s.app, { query: '{ ping }', extensions }), 400, '"extensions" must be a JSON object.')
    }
    expect(runs).toBe(0)
    expect((await postJson(s.app, { query: '{ ping }', extensions: { persistedQuery: { version: 1 } } })).statusCode).toBe(200)
  })

  it('refuses repeated parameters over GET', async () => {
    const get = (search: string) => s.app.inject({ method: 'GET', url: `/graphql?${search}` })
    expectAniListError(await get('query=%7B%20ping%20%7D&query=%7B%20node%20%7B%20id%20%7D%20%7D'), 400, '"query" must be a string holding a GraphQL document.')
    expectAniListError(await get('query=query%20A%20%7B%20ping%20%7D&operationName=A&operationName=B'), 400, '"operationName" must be a string.')
    expectAniListError(await get('query=%7B%20ping%20%7D&variables=%7B%7D&variables=%7B%7D'), 400, '"variables" must be a JSON object (or null).')
    expectAniListError(await get('query=%7B%20ping%20%7D&extensions=%7B%7D&extensions=%7B%7D'), 400, '"extensions" must be a JSON object.')
    expect(runs).toBe(0)
    expect((await getQuery(s.app, { query: '{ ping }' })).statusCode).toBe(200)
  })

  it(`refuses a document nested more than ${MAX_DOCUMENT_NESTING} brackets deep with a 400, before parsing it`, async () => {
    for (const levels of [MAX_DOCUMENT_NESTING + 1, 2_000, 3_000]) {
      const query = `{${'node{'.repeat(levels - 1)}id${'}'.repeat(levels)}`
      expectAniListError(await postJson(s.app, { query }), 400, `The document is nested too deeply: more than ${MAX_DOCUMENT_NESTING} levels of brackets.`)
    }
    // Input values nest too: a list of lists in an argument.
    const query = `{ ping(x: ${'['.repeat(MAX_DOCUMENT_NESTING + 1)}${']'.repeat(MAX_DOCUMENT_NESTING + 1)}) }`
    expectAniListError(await postJson(s.app, { query }), 400, `The document is nested too deeply: more than ${MAX_DOCUMENT_NESTING} levels of brackets.`)
    expect(runs).toBe(0)
  })

  it(`refuses a document of more than ${MAX_DOCUMENT_TOKENS} tokens with a 400`, async () => {
    // `{ echo(x: [ … ]) }` is 9 tokens besides the list's numbers; comments and commas are not tokens.
    const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i)).join(', ')
    const fits = await postJson(s.app, { query: `# a comment\n{ echo(x: [${numbers(MAX_DOCUMENT_TOKENS - 9)}]) }` })
    expect(fits.statusCode, fits.body).toBe(200)
    expectAniListError(await postJson(s.app, { query: `{ echo(x: [${numbers(MAX_DOCUMENT_TOKENS - 8)}]) }` }), 400, `The document is too long: more than ${MAX_DOCUMENT_TOKENS} tokens.`)
    expect(runs).toBe(0)
  })

  it(`refuses variables nested more than ${MAX_DOCUMENT_NESTING} levels deep, however deep, and takes them up to that`, async () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`
    const query = 'query ($v: [Int]) { echo(x: $v) }'
    for (const levels of [MAX_DOCUMENT_NESTING, 1_000, 200_000]) {
      const res = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: `{"query":"${query}","variables":{"v":${nested(levels)}}}` })
      // At the limit the value is merely of the wrong type; past it, refused before anything reads it.
      if (levels === MAX_DOCUMENT_NESTING) expectAniListError(res, 400, /Int cannot represent/)
      else expectAniListError(res, 400, `"variables" are nested too deeply: more than ${MAX_DOCUMENT_NESTING} levels of lists and objects.`)
    }
    expect(runs).toBe(0)
  })

  it('refuses the same things over application/graphql and on /', async () => {
    const plain = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/graphql' }, payload: '{ ping ' })
    expectAniListError(plain, 400, /^Syntax Error: /)
    expect(runs).toBe(0)
  })
})
