/** The one error policy that the OAuth, GraphQL and page renderers share. */
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../src/errors/classify.js'
import { DatabaseUnavailableError } from '../../src/errors/database-unavailable.js'
import { KirokuError } from '../../src/errors/kiroku-error.js'
import { ForbiddenError, InvalidArgumentError, NotFoundError, UnauthorizedError, ValidationError } from '../../src/errors/refusals.js'
import { InvalidGrant } from '../../src/oauth/errors.js'
import { CsrfError } from '../../src/web/csrf.js'
import { DuplicateParameterError, FormFieldError } from '../../src/web/params.js'
import { CostLimitError, GraphqlRequestError, InvalidTokenRefusal } from '../../src/graphql/server/errors.js'
import { RenderBudgetSpent } from '../../src/graphql/server/text-html.js'
import { AccountError } from '../../src/accounts/users.js'
import { ClientError } from '../../src/oauth/clients.js'

describe('classifyError', () => {
  it('tells a refusal as it is, by its code and status', () => {
    const refusals: Array<[KirokuError, string, number]> = [
      [new NotFoundError(), 'not_found', 404],
      [new UnauthorizedError(), 'unauthorized', 401],
      [new ForbiddenError('not yours'), 'forbidden', 401],
      [new ValidationError({ score: ['too high'] }), 'validation', 400],
      [new InvalidArgumentError('too many ids'), 'invalid_argument', 400],
      [new InvalidGrant('no such code'), 'invalid_grant', 400],
      [new CsrfError(), 'csrf', 403],
      [new DuplicateParameterError('next'), 'duplicate_parameter', 400],
      [new FormFieldError('name', 'The name must be text.'), 'invalid_field', 400],
      [new GraphqlRequestError('Mutations must be sent with POST.', 405), 'bad_request', 405],
      [new CostLimitError('too much'), 'cost_limit', 400],
      [new InvalidTokenRefusal(), 'invalid_token', 400],
      [new RenderBudgetSpent(10), 'render_budget', 400],
      [new AccountError('name_taken', 'name', 'taken'), 'name_taken', 400],
      [new ClientError('name', 'empty'), 'invalid_client_registration', 400],
    ]
    for (const [error, code, status] of refusals) {
      const failure = classifyError(error)
      expect(failure).toEqual({ kind: 'refusal', error })
      expect([error.code, error.status]).toEqual([code, status])
    }
  })

  it('keeps a 4xx the framework raised before any route ran, with its code', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })
    expect(classifyError(tooLarge)).toEqual({ kind: 'bad-request', status: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' })
  })

  it('says unavailable for a database out of reach, however deeply wrapped', () => {
    expect(classifyError(new DatabaseUnavailableError(new Error('ECONNREFUSED')))).toEqual({ kind: 'unavailable' })
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    expect(classifyError(new Error('query failed', { cause: refused }))).toEqual({ kind: 'unavailable' })
  })

  it('masks anything else as internal: bugs, 5xx from elsewhere, errors meant for the CLI', () => {
    expect(classifyError(new TypeError('x is undefined'))).toEqual({ kind: 'internal' })
    expect(classifyError(Object.assign(new Error('upstream'), { statusCode: 502 }))).toEqual({ kind: 'internal' })
    expect(classifyError('a string')).toEqual({ kind: 'internal' })
    class NeverForClients extends KirokuError {
      readonly code = 'cli_only'
    }
    expect(classifyError(new NeverForClients('boom'))).toEqual({ kind: 'internal' })
  })

  it('names every error class after itself', () => {
    expect(new NotFoundError().name).toBe('NotFoundError')
    expect(new InvalidGrant('x').name).toBe('InvalidGrant')
  })
})
