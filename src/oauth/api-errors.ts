/**
 * The JSON endpoints' (token, revoke, introspect, device) one error path: protocol errors become
 * RFC 6749 §5.2 bodies; a malformed body is invalid_request; anything else is a masked server_error
 * with the details in the log only. Every answer is no-store: it may carry tokens.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { DuplicateParameterError } from '../web/params.js'
import { InvalidClient, InvalidRequest, OAuthError, oauthErrorBody, TemporarilyUnavailable } from './errors.js'
import { isDatabaseUnavailable } from '../storage/unavailable.js'
import { DATABASE_RETRY_AFTER_SECONDS } from '../ops/retry-after.js'
import { InvalidBasicClient } from './token/client-auth.js'

export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
}

export function sendOAuthError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = oauthErrorBody(error)
  // RFC 6749 §5.2: any invalid_client answer to a client that tried HTTP Basic carries the challenge,
  // including the redirect_uri mismatch league reports as invalid_client.
  const triedBasic = /^Basic(?:\s|$)/i.test(reply.request.headers.authorization ?? '')
  if (error instanceof InvalidBasicClient || (error instanceof InvalidClient && triedBasic)) reply.header('www-authenticate', 'Basic realm="OAuth"')
  return noStore(reply).code(status).send(body)
}

export function registerOAuthApiErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(reply, error)
    if (error instanceof DuplicateParameterError) return sendOAuthError(reply, new InvalidRequest(`The ${error.parameter} parameter was sent more than once.`))
    if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      const what = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the body as application/x-www-form-urlencoded or JSON.' : `The request body could not be read: ${error.message}`
      return sendOAuthError(reply, new InvalidRequest(what))
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'OAuth endpoint: database unavailable')
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      return sendOAuthError(reply, new TemporarilyUnavailable('The server cannot reach its database right now; retry the request in a little while.'))
    }
    request.log.error({ err: error }, 'OAuth endpoint failed')
    return sendOAuthError(reply, error)
  })
}
