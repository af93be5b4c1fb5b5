/** Requests as real AniList clients send them: loose variables, GET, comments, fragments, aliases. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql'
import { coerceVariables, normalizeVariables } from '../../src/graphql/server/variables.js'
import { GraphqlRequestError } from '../../src/graphql/server/errors.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeClient, makeUser } from '../helpers/flow.js'
import { expectAniListError, getQuery, postJson, schemaServer, type SchemaServer } from '../helpers/graphql.js'

// A small AniList-flavoured schema: every kind of argument the lenient rules touch.
const SDL = `
enum MediaListStatus { CURRENT PLANNING COMPLETED DROPPED PAUSED REPEATING }
input FuzzyDateInput { year: Int month: Int day: Int }
type FuzzyDate { year: Int month: Int day: Int }
type Echo { id: Int ids: [Int] score: Float private: Boolean status: [MediaListStatus] startedAt: FuzzyDate search: String }
type Query {
  Echo(id: Int, ids: [Int], score: Float, private: Boolean, status: [MediaListStatus], startedAt: FuzzyDateInput, search: String): Echo
  Required(id: Int!): Echo
}
type Mutation { SaveEcho(id: Int): Echo }
`
const ECHO_QUERY = `query ($id: Int, $ids: [Int], $score: Float, $private: Boolean, $status: [MediaListStatus], $startedAt: FuzzyDateInput) {
  Echo(id: $id, ids: $ids, score: $score, private: $private, status: $status, startedAt: $startedAt) {
    id ids score private status startedAt { year month day }
  }
}`

describe('normalizeVariables', () => {
  it('takes every shape clients send for "no variables"', () => {
    for (const none of [undefined, null, [], {}, '', '  ', 'null', '[]', '{}']) expect(normalizeVariables(none)).toBeUndefined()
  })

  it('takes an object, or JSON text of one', () => {
    expect(normalizeVariables({ id: 1 })).toEqual({ id: 1 })
    expect(normalizeVariables('{"id":"1","page":2}')).toEqual({ id: '1', page: 2 })
  })

  it('refuses what is not an object with a 400', () => {
    for (const bad of [[1], 5, true, '"text"', '[1]', '5']) {
      expect(() => normalizeVariables(bad)).toThrow(GraphqlRequestError)
      try {
        normalizeVariables(bad)
      } catch (error) {
        expect(error).toMatchObject({ status: 400, message: '"variables" must be a JSON object (or null).' })
      }
    }
    expect(() => normalizeVariables('{"id":')).toThrow('"variables" is not valid JSON.')
  })
})

describe('coerceVariables', () => {
  const schema = buildSchema(SDL)
  const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode
  const echo = operation(ECHO_QUERY)

  it('turns numeric strings into Int and Float, and "true"/"false" into Boolean', () => {
    expect(coerceVariables(schema, echo, { id: '50', score: '8.5', private: 'true' })).toEqual({ id: 50, score: 8.5, private: true })
    expect(coerceVariables(schema, echo, { id: '-3', score: '7', private: 'False' })).toEqual({ id: -3, score: 7, private: false })
    expect(coerceVariables(schema, echo, { score: '1e2' })).toEqual({ score: 100 })
  })

  it('wraps a single value where a list is declared, and coerces list items', () => {
    expect(coerceVariables(schema, echo, { status: 'CURRENT', ids: '7' })).toEqual({ status: ['CURRENT'], ids: [7] })
    expect(coerceVariables(schema, echo, { status: ['CURRENT', 'PAUSED'], ids: ['1', 2] })).toEqual({ status: ['CURRENT', 'PAUSED'], ids: [1, 2] })
  })

  it('coerces the fields of input objects and non-null types', () => {
    expect(coerceVariables(schema, echo, { startedAt: { year: '2024', month: 1, day: null } })).toEqual({ startedAt: { year: 2024, month: 1, day: null } })
    expect(coerceVariables(schema, operation('query ($id: Int!) { Required(id: $id) { id } }'), { id: '9' })).toEqual({ id: 9 })
  })

  it('drops undeclared variables', () => {
    expect(coerceVariables(schema, echo, { id: 1, listType: 'ANIME', volumes: 3 })).toEqual({ id: 1 })
  })

  it('leaves garbage as sent, for graphql-js to refuse', () => {
    const garbage = { id: 'abc', score: 'lots', private: 'yes', ids: ['1.5'] }
    expect(coerceVariables(schema, echo, garbage)).toEqual({ ...garbage })
    // Outside Int's 32 bits: not silently truncated.
    expect(coerceVariables(schema, echo, { id: '99999999999' })).toEqual({ id: '99999999999' })
    expect(coerceVariables(schema, echo, { startedAt: 'yesterday' })).toEqual({ startedAt: 'yesterday' })
  })

  it('keeps a variable named __proto__ as data', () => {
    const op = operation('query ($__proto__: Int) { Echo(id: $__proto__) { id } }')
    const coerced = coerceVariables(schema, op, JSON.parse('{"__proto__":"5"}'))
    expect(Object.getPrototypeOf(coerced)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(coerced, '__proto__')?.value).toBe(5)
  })
})

describe('lenient variables through the GraphQL endpoint', () => {
  let s: SchemaServer
  let calls: number
  beforeAll(async () => {
    s = await schemaServer(SDL, {
      Query: {
        Echo: (_root: unknown, args: Record<string, unknown>) => {
          calls++
          return args
        },
        Required: (_root: unknown, args: Record<string, unknown>) => args,
      },
      Mutation: {
        SaveEcho: (_root: unknown, args: Record<string, unknown>) => {
          calls++
          return args
        },
      },
    })
  })
  afterAll(async () => s.close())
  beforeEach(() => {
    calls = 0
  })

  it('answers string Ints, string Booleans and a bare enum for a list, on every run (JIT-compiled ones too)', async () => {
    const variables = { id: '50', ids: '7', score: '8.5', private: 'true', status: 'CURRENT', startedAt: { year: '2024', month: '4' } }
    for (let run = 0; run < 3; run++) {
      const res = await postJson(s.app, { query: ECHO_QUERY, variables })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ data: { Echo: { id: 50, ids: [7], score: 8.5, private: true, status: ['CURRENT'], startedAt: { year: 2024, month: 4, day: null } } } })
    }
    expect(calls).toBe(3)
  })

  it('takes variables as null, [], {}, a JSON string, or not at all', async () => {
    const query = 'query ($id: Int) { Echo(id: $id) { id } }'
    for (const body of [{ query, variables: null }, { query, variables: [] }, { query, variables: {} }, { query }, { query, variables: '' }, { query, variables: 'null' }]) {
      const res = await postJson(s.app, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(200)
      expect(res.json()).toEqual({ data: { Echo: { id: null } } })
    }
    const text = await postJson(s.app, { query, variables: '{"id":"12"}' })
    expect(text.json()).toEqual({ data: { Echo: { id: 12 } } })
  })

  it('ignores undeclared variables', async () => {
    const res = await postJson(s.app, { query: 'query ($id: Int) { Echo(id: $id) { id } }', variables: { id: 1, listType: 'ANIME', volumes: 3 } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ data: { Echo: { id: 1 } } })
  })

  it('answers a word for an Int with a located 400 and runs nothing, every time', async () => {
    for (let run = 0; run < 3; run++) {
      const res = await postJson(s.app, { query: 'query ($id: Int) { Echo(id: $id) { id } }', variables: { id: 'abc' } })
      const body = expectAniListError(res, 400, /Int cannot represent non-integer value: "abc"/)
      expect(body.data).toBeNull()
      expect(body.errors).toEqual([{ message: expect.stringContaining('$id'), status: 400, locations: [{ line: 1, column: 8 }] }])
    }
    expect(calls).toBe(0)
  })

  it('answers other garbage with a 400 too', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['query ($id: Int) { Echo(id: $id) { id } }', { id: '1.5' }, /Int cannot represent non-integer value/],
      ['query ($id: Int) { Echo(id: $id) { id } }', { id: '99999999999' }, /Int cannot represent non-integer value/],
      ['query ($p: Boolean) { Echo(private: $p) { id } }', { p: 'yes' }, /Boolean cannot represent a non boolean value/],
      ['query ($s: [MediaListStatus]) { Echo(status: $s) { id } }', { s: 'WATCHING' }, /Value "WATCHING" does not exist in "MediaListStatus" enum/],
      ['query ($id: Int!) { Required(id: $id) { id } }', {}, /Variable "\$id" of required type "Int!" was not provided/],
    ]
    for (const [query, variables, message] of cases) expectAniListError(await postJson(s.app, { query, variables }), 400, message)
    expectAniListError(await postJson(s.app, { query: '{ Echo { id } }', variables: [1, 2] }), 400, '"variables" must be a JSON object (or null).')
    expectAniListError(await postJson(s.app, { query: '{ Echo { id } }', variables: '{"id":' }), 400, '"variables" is not valid JSON.')
    expect(calls).toBe(0)
  })

  it('answers queries over GET with the same lenient variables, and refuses mutations with a 405', async () => {
    const res = await getQuery(s.app, { query: 'query ($id: Int, $s: [MediaListStatus]) { Echo(id: $id, status: $s) { id status } }', variables: '{"id":"5","s":"PAUSED"}' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ data: { Echo: { id: 5, status: ['PAUSED'] } } })
    expect((await getQuery(s.app, { query: '{ Echo { id } }', variables: '[]' })).statusCode).toBe(200)
    expect(calls).toBe(2)

    const mutation = await getQuery(s.app, { query: 'mutation { SaveEcho(id: 1) { id } }' })
    const body = expectAniListError(mutation, 405, 'Mutations must be sent with POST.')
    expect(body.errors[0]!.locations).toEqual([{ line: 1, column: 1 }])
    expect(mutation.headers.allow).toBe('POST')
    expect(calls).toBe(2)

    const posted = await postJson(s.app, { query: 'mutation ($id: Int) { SaveEcho(id: $id) { id } }', variables: { id: '3' } })
    expect(posted.json()).toEqual({ data: { SaveEcho: { id: 3 } } })
  })
})

describe('documents as real clients write them, on the real server', () => {
  let s: TestServer
  let token: string
  beforeEach(async () => {
    s = await testServer()
    const user = await makeUser(s.app, 'reader')
    const { client } = await makeClient(s.app)
    token = (await s.app.kiroku.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })).accessToken
  })
  afterEach(async () => s.app.close())
  const auth = () => ({ authorization: `Bearer ${token}` })

  it('answers # comments, nested fragments, aliases, several aliased root fields and inline literals', async () => {
    const query = `# Who am I? (a comment before the operation)
query Me { # and one after it
  me: Viewer { ...UserFields }
  again: Viewer { id } # the same field again under another name
  Viewer { name }
  type: __type(name: "User") { name }
}
fragment UserFields on User { id ...Named }
fragment Named on User { name }`
    const res = await postJson(s.app, { query, operationName: 'Me' }, { headers: auth() })
    expect(res.statusCode).toBe(200)
    const id = (await s.app.kiroku.tokens.verify(token)).userId
    expect(res.body).toBe(JSON.stringify({ data: { me: { id, name: 'reader' }, again: { id }, Viewer: { name: 'reader' }, type: { name: 'User' } } }))
  })

  it('runs the named operation of several, and refuses to guess', async () => {
    const query = 'query A { Viewer { id } } query B { Viewer { name } }'
    expect((await postJson(s.app, { query, operationName: 'B' }, { headers: auth() })).json()).toEqual({ data: { Viewer: { name: 'reader' } } })
    expectAniListError(await postJson(s.app, { query }, { headers: auth() }), 400, 'Must provide operation name if query contains multiple operations.')
    expectAniListError(await postJson(s.app, { query, operationName: 'C' }, { headers: auth() }), 400, 'Unknown operation named "C".')
    expectAniListError(await postJson(s.app, { query: 'fragment F on User { id }' }, { headers: auth() }), 400, 'Must provide an operation.')
    expect((await postJson(s.app, { query: '{ Viewer { id } }', operationName: null }, { headers: auth() })).statusCode).toBe(200)
  })

  it('answers GET /graphql?query= and GET /?query=, and keeps GET / for the home page', async () => {
    for (const url of ['/graphql', '/']) {
      const res = await getQuery(s.app, { query: '{ Viewer { name } }', variables: '{}' }, { url, headers: auth() })
      expect(res.statusCode, url).toBe(200)
      expect(res.json()).toEqual({ data: { Viewer: { name: 'reader' } } })
    }
    const anonymous = await getQuery(s.app, { query: '{ Viewer { name } }' }, { url: '/' })
    expectAniListError(anonymous, 401, 'Unauthorized.')
    for (const url of ['/', '/?ref=home']) {
      const home = await s.app.inject({ method: 'GET', url })
      expect(home.statusCode, url).toBe(200)
      expect(home.headers['content-type']).toMatch(/^text\/html/)
    }
  })

  it('refuses a mutation over GET with a 405 on either path', async () => {
    for (const url of ['/graphql', '/']) {
      const res = await getQuery(s.app, { query: 'mutation { Viewer { id } }' }, { url, headers: auth() })
      expectAniListError(res, 405, 'Mutations must be sent with POST.')
      expect(res.headers.allow).toBe('POST')
    }
  })

  it('answers POST / and a Content-Type: application/graphql body', async () => {
    const root = await postJson(s.app, { query: '{ Viewer { name } }', variables: [] }, { url: '/', headers: auth() })
    expect(root.json()).toEqual({ data: { Viewer: { name: 'reader' } } })
    const plain = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/graphql', ...auth() }, payload: '{ Viewer { name } }' })
    expect(plain.statusCode).toBe(200)
    expect(plain.json()).toEqual({ data: { Viewer: { name: 'reader' } } })
  })

  it('answers bodies that are not one JSON object with a clear 400', async () => {
    expectAniListError(await postJson(s.app, '{"query": '), 400, 'The request body is not valid JSON.')
    expectAniListError(await postJson(s.app, {}), 400, 'No query was sent: the body must be JSON with a "query" string.')
    expectAniListError(await postJson(s.app, '"{ Viewer { id } }"'), 400, 'The request body must be a JSON object with a "query" string.')
    const text = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'text/plain' }, payload: '{"query":"{ Viewer { id } }"}' })
    expectAniListError(text, 400, 'The request body must be a JSON object with a "query" string.')
    expectAniListError(await postJson(s.app, { query: '{ Viewer { id } ' }), 400, /^Syntax Error/)
  })
})
