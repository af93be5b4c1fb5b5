/**
 * Cases for the OAuth JSON endpoints (token, revoke, introspect, device/code): a valid request of a
 * random client, its credentials in the body or by HTTP Basic, then changed a little or a lot, in a
 * body of any encoding, with an Authorization header that is sometimes junk.
 */
import fc from 'fast-check'
import { bodyShape, requestPairs, type Pair } from './bodies.js'
import type { FuzzCase } from './cases.js'
import { junkAuthorization, strayHeaders } from './headers.js'
import { basicHeader } from '../../helpers/oauth.js'
import { clientIdValues, clientSecretValues, realBasicHeaders, type FuzzClient, type World } from './world.js'

/** A valid request's parameters and Authorization header. */
export interface ValidRequest {
  pairs: Pair[]
  authorization?: string
}

/** The client's credentials, as body parameters or as an HTTP Basic header (a public client has only its id). */
export function credentials(client: FuzzClient, byBasic: boolean): ValidRequest {
  const id = String(client.client.id)
  if (byBasic && client.secret !== null) return { pairs: [], authorization: basicHeader(id, client.secret) }
  return { pairs: client.secret === null ? [['client_id', id]] : [['client_id', id], ['client_secret', client.secret]] }
}

/** The client authentication parameters every endpoint knows, for mutations and random pairs. */
export function credentialParams(world: World): Record<string, fc.Arbitrary<unknown>> {
  return { client_id: clientIdValues(world), client_secret: clientSecretValues(world) }
}

/** POST cases to `path`: `valid` requests changed by requestPairs, Authorization kept, dropped or replaced by junk. */
export function oauthCases(world: World, path: string, valid: fc.Arbitrary<ValidRequest>, known: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<FuzzCase> {
  const all = { ...credentialParams(world), ...known }
  return fc
    .record({
      valid,
      authorizationChoice: fc.constantFrom<'keep' | 'none' | 'junk' | 'real'>('keep', 'keep', 'keep', 'keep', 'none', 'junk', 'real'),
      junk: junkAuthorization,
      real: realBasicHeaders(world),
      shape: bodyShape(['form', 'json']),
      headers: strayHeaders,
    })
    .chain((r) =>
      // The valid pairs themselves are changed by the same mutations as any request.
      requestPairs(fc.constant(r.valid.pairs), all).map((pairs): FuzzCase => {
        const authorization = { keep: r.valid.authorization, none: undefined, junk: r.junk, real: r.real }[r.authorizationChoice]
        return { method: 'POST', path, pairs, shape: r.shape, headers: r.headers, ...(authorization !== undefined ? { authorization } : {}) }
      }),
    )
}
