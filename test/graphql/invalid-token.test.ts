/**
 * A request whose Bearer token fails verification (made up, expired, revoked) is refused before
 * anything runs, introspection included, with AniList's answer: HTTP 400, "Invalid token" for each
 * root field, each field null in data, and RFC 6750's invalid_token challenge.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { expectAniListError, postJson, schemaServer, type SchemaServer } from '../helpers/graphql.js'

const SDL = 'type Query { ping: Int other: Int } type Mutation { poke: Int }'
const BAD = { authorization: 'Bearer not.a.real.token' }

describe('a request with an invalid token', () => {
  let s: SchemaServer
  let runs = 0
  beforeAll(async () => {
    s = await schemaServer(SDL, { Query: { ping: () => ++runs, other: () => ++runs }, Mutation: { poke: () => ++runs } })
  })
  afterAll(async () => s.close())
  beforeEach(() => {
    runs = 0
  })

  it('is refused before it runs, with each root field null and its own located error', async () => {
    const res = await postJson(s.app, { query: 'query {\n  a: ping\n  other\n  ...More\n}\nfragment More on Query { b: ping }' }, { headers: BAD })
    const body = expectAniListError(res, 400, 'Invalid token')
    expect(body).toEqual({
      data: { a: null, other: null, b: null },
      errors: [
        { message: 'Invalid token', status: 400, locations: [{ line: 2, column: 3 }] },
        { message: 'Invalid token', status: 400, locations: [{ line: 3, column: 3 }] },
        { message: 'Invalid token', status: 400, locations: [{ line: 6, column: 26 }] },
      ],
    })
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Kiroku", error="invalid_token"')
    expect(runs).toBe(0)
  })

  it('gets no introspection answer and runs no mutation', async () => {
    const intro = expectAniListError(await postJson(s.app, { query: '{ __schema { queryType { name } } }' }, { headers: BAD }), 400, 'Invalid token')
    expect(intro.data).toEqual({ __schema: null })
    const typename = expectAniListError(await postJson(s.app, { query: '{ __typename }' }, { headers: BAD }), 400, 'Invalid token')
    expect(typename.data).toEqual({ __typename: null })
    expectAniListError(await postJson(s.app, { query: 'mutation { poke }' }, { headers: BAD }), 400, 'Invalid token')
    expect(runs).toBe(0)
  })

  it('is refused the same way whatever the credential: not Bearer, a JWT of another issuer', async () => {
    const foreign = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'
    for (const authorization of ['Basic dXNlcjpwYXNz', `Bearer ${foreign}`]) {
      expectAniListError(await postJson(s.app, { query: '{ ping }' }, { headers: { authorization } }), 400, 'Invalid token')
    }
    expect(runs).toBe(0)
    // Without any credential the request runs anonymously.
    expect((await postJson(s.app, { query: '{ ping }' })).json()).toEqual({ data: { ping: 1 } })
  })
})
