/**
 * The GraphQL renderer of the one error policy: refusals in AniList's shape with their status, the
 * validation problems per field, internal errors masked, and RFC 6750's challenge chosen by the
 * refusal's code, never by its wording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAniListError, postJson, schemaServer, type SchemaServer } from '../helpers/graphql.js'
import { InvalidArgumentError, NotFoundError, UnauthorizedError, ValidationError } from '../../src/errors/refusals.js'
import { InvalidTokenRefusal } from '../../src/graphql/server/errors.js'

const SDL = 'type Query { missing: Int anonymous: Int invalid: Int wordedLikeIt: Int validation: Int bug: Int }'

describe('GraphQL errors', () => {
  let s: SchemaServer
  beforeAll(async () => {
    s = await schemaServer(SDL, {
      Query: {
        missing: () => Promise.reject(new NotFoundError()),
        anonymous: () => Promise.reject(new UnauthorizedError()),
        invalid: () => Promise.reject(new InvalidTokenRefusal()),
        wordedLikeIt: () => Promise.reject(new InvalidArgumentError('Invalid token')),
        validation: () => Promise.reject(new ValidationError({ score: ['The score may not be greater than 100.'] })),
        bug: () => Promise.reject(new TypeError('secret detail of a bug')),
      },
    })
  })
  afterAll(async () => s.close())

  it('answer a refusal with its status and message, located', async () => {
    const body = expectAniListError(await postJson(s.app, { query: '{ missing }' }), 404, 'Not Found.')
    expect(body.errors[0]!.locations).toEqual([{ line: 1, column: 3 }])
  })

  it('carry the validation problems per field', async () => {
    const body = expectAniListError(await postJson(s.app, { query: '{ validation }' }), 400, 'validation')
    expect(body.errors[0]).toMatchObject({ validation: { score: ['The score may not be greater than 100.'] } })
  })

  it('mask an internal error', async () => {
    const res = await postJson(s.app, { query: '{ bug }' })
    expectAniListError(res, 500, 'Internal Server Error')
    expect(res.body).not.toContain('secret detail')
  })

  it('challenge by code: invalid_token for the refusal, none for another error that says the same words', async () => {
    const invalid = await postJson(s.app, { query: '{ invalid }' })
    expectAniListError(invalid, 400, 'Invalid token')
    expect(invalid.headers['www-authenticate']).toBe('Bearer realm="Kiroku", error="invalid_token"')
    const worded = await postJson(s.app, { query: '{ wordedLikeIt }' })
    expectAniListError(worded, 400, 'Invalid token')
    expect(worded.headers['www-authenticate']).toBeUndefined()
  })

  it('challenge a 401 without an error attribute (RFC 6750 §3.1: no credentials were sent)', async () => {
    const res = await postJson(s.app, { query: '{ anonymous }' })
    expectAniListError(res, 401, 'Unauthorized.')
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Kiroku"')
  })
})
