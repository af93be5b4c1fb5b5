/**
 * The JSON endpoints' (token, revoke, introspect, device) one error path: protocol errors become
 * RFC 6749 §5.2 bodies; a malformed body is invalid_request; anything else is a masked server_error
 * with the details in the log only. Every answer is no-store: it may carry tokens.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { InvalidClient, InvalidRequest, OAuthError, oauthErrorBody, ServerError, TemporarilyUnavailable } from './errors.js'
import { classifyError } from '../errors/classify.js'
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/retry-after.js'
import { InvalidBasicClient } from './token/client-auth.js'

/** Marks an answer that may carry tokens as never to be stored (RFC 6749 §5.1). */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
}

/** Sends an OAuth error body with its status, no-store, and the Basic challenge where RFC 6749 §5.2 asks for it. */
export function sendOAuthError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = oauthErrorBody(error)
  // RFC 6749 §5.2: any invalid_client answer to a client that tried HTTP Basic carries the challenge,
  // including the redirect_uri mismatch league reports as invalid_client.
  const triedBasic = /^Basic(?:\s|$)/i.test(reply.request.headers.authorization ?? '')
  if (error instanceof InvalidBasicClient || (error instanceof InvalidClient && triedBasic)) reply.header('www-authenticate', 'Basic realm="OAuth"')
  return noStore(reply).code(status).send(body)
}

/** The OAuth error a failure is answered with, by the one error policy (errors/classify.ts). */
function asOAuthError(error: unknown, request: FastifyRequest, reply: FastifyReply): OAuthError {
  if (error instanceof OAuthError) return error
  const failure = classifyError(error)
  switch (failure.kind) {
    case 'refusal':
      return new InvalidRequest(failure.error.message)
    case 'bad-request':
      return new InvalidRequest(failure.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the body as application/x-www-form-urlencoded or JSON.' : `The request body could not be read: ${failure.message}`)
    case 'unavailable':
      request.log.warn({ err: error }, 'OAuth endpoint: database unavailable')
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      return new TemporarilyUnavailable('The server cannot reach its database right now; retry the request in a little while.')
    case 'internal':
      request.log.error({ err: error }, 'OAuth endpoint failed')
      return new ServerError('The server met an unexpected condition; the request can be retried.')
  }
}

/** Answers every failure of the OAuth JSON endpoints registered in `app` as an RFC 6749 §5.2 body. */
export function registerOAuthApiErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (error: unknown, request, reply) => sendOAuthError(reply, asOAuthError(error, request, reply)))
}
