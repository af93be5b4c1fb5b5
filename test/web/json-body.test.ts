/** The JSON body parser refuses bodies nested past MAX_JSON_BODY_NESTING before parsing them, and is otherwise Fastify's own. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonNestsDeeperThan, MAX_JSON_BODY_NESTING } from '../../src/web/json-body.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'

describe('jsonNestsDeeperThan', () => {
  it('counts the levels of arrays and objects, not brackets in strings or escaped quotes', () => {
    expect(jsonNestsDeeperThan('[[[]]]', 3)).toBe(false)
    expect(jsonNestsDeeperThan('[[[[]]]]', 3)).toBe(true)
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":[1]}}}', 3)).toBe(true)
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":1}}}', 3)).toBe(false)
    expect(jsonNestsDeeperThan(JSON.stringify({ q: '[[[[[[[[' }), 3)).toBe(false)
    expect(jsonNestsDeeperThan(JSON.stringify({ q: 'a "quoted" \\ [[[[[[' }), 3)).toBe(false)
    // Depth falls again as levels close: siblings do not add up.
    expect(jsonNestsDeeperThan('[[[]],[[]],[[]]]', 3)).toBe(false)
  })
})

describe('the JSON body parser', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer()
  })
  afterAll(async () => s.app.close())

  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

  it('refuses a GraphQL body nested past the limit with a clear 400, however large', async () => {
    for (const levels of [MAX_JSON_BODY_NESTING + 1, 400_000]) {
      const res = await postJson(s.app, `{"query":"{ Viewer { id } }","variables":{"v":${deep(levels)}}}`)
      expectAniListError(res, 400, `The request body is nested too deeply: more than ${MAX_JSON_BODY_NESTING} levels of lists and objects.`)
    }
  })

  it('parses everything else as before: nesting within the limit, bad JSON, an empty body, prototype poisoning', async () => {
    // Within the body limit, the variables' own limit (64) answers.
    const within = await postJson(s.app, `{"query":"{ Viewer { id } }","variables":{"v":${deep(100)}}}`)
    expectAniListError(within, 400, /"variables" are nested too deeply: more than 64 levels/)
    expectAniListError(await postJson(s.app, '{"query": '), 400, 'The request body is not valid JSON.')
    const empty = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '' })
    expect(empty.statusCode).toBe(400)
    const poisoned = await postJson(s.app, '{"query":"{ Viewer { id } }","__proto__":{"x":1}}')
    expect(poisoned.statusCode).toBe(400)
    const fine = await postJson(s.app, { query: '{ Page { media(id_in: [1, 2]) { id } } }' })
    expect(fine.statusCode).toBe(200)
  })

  it('guards the OAuth endpoints that take JSON too, in their own error shape', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v2/oauth/token', headers: { 'content-type': 'application/json' }, payload: `{"grant_type":${deep(1000)}}` })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: 'invalid_request' })
    expect(res.json().error_description).toContain('nested too deeply')
  })
})
