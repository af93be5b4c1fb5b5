/**
 * PKCE (RFC 7636) for the code grant. Public clients must send a code_challenge; S256 is the
 * method (plain only when the server is configured to allow it). A code_verifier has no place in an
 * authorization request: one sent here is a client bug or a downgrade attempt, and is refused.
 */
import type { AppContext } from '../../app/app-context.js'
import { InvalidRequest } from '../errors.js'
import type { AuthorizationRequest } from './request.js'

// S256: base64url of a SHA-256 digest, 43 characters. plain: the verifier itself, 43 to 128 unreserved characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/
const PLAIN_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/

export function checkPkce(ctx: AppContext, request: AuthorizationRequest): void {
  for (const name of ['code_challenge', 'code_challenge_method', 'code_verifier'] as const) {
    const problem = request.problems.get(name)
    if (problem) throw new InvalidRequest(problem)
  }
  if (request.params.code_verifier !== undefined) {
    throw new InvalidRequest('The code_verifier parameter belongs in the token request, not the authorization request; send code_challenge here.')
  }
  if (request.responseType !== 'code') return

  const challenge = request.params.code_challenge
  const method = request.params.code_challenge_method
  if (challenge === undefined || challenge === '') {
    if (method !== undefined) throw new InvalidRequest('The code_challenge_method parameter was sent without a code_challenge.')
    if (request.client!.isPublic) {
      throw new InvalidRequest('This client is public, so PKCE is required: send code_challenge and code_challenge_method=S256.')
    }
    return
  }
  // RFC 7636 §4.3: an absent method means plain.
  const effective = method ?? 'plain'
  if (effective === 'S256') {
    if (!S256_CHALLENGE.test(challenge)) throw new InvalidRequest('The code_challenge must be the 43-character base64url SHA-256 of the code_verifier.')
  } else if (effective === 'plain' && ctx.config.pkcePlainAllowed) {
    if (!PLAIN_CHALLENGE.test(challenge)) throw new InvalidRequest('The code_challenge must be 43 to 128 unreserved characters.')
  } else {
    throw new InvalidRequest(`The code_challenge_method "${effective}" is not supported; use S256.`)
  }
  request.codeChallenge = { challenge, method: effective }
}
