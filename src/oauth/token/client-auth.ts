/**
 * Client authentication at the token, revocation, introspection and device endpoints (RFC 6749 §2.3):
 * HTTP Basic (client_secret_basic), client_id + client_secret in the body (client_secret_post), or a
 * public client's bare client_id (none). Exactly one method per request.
 */
import type { AppContext } from '../../app/app-context.js'
import type { ParamSource } from '../../web/params.js'
import { oauthParam } from '../params.js'
import { findClientWithSecret, secretMatches, type Client } from '../clients.js'
import { InvalidClient, InvalidRequest } from '../errors.js'

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none'

export interface AuthenticatedClient {
  client: Client
  method: ClientAuthMethod
}

/** Thrown for a failed authentication that used HTTP Basic: the answer must carry WWW-Authenticate. */
export class InvalidBasicClient extends InvalidClient {}

interface BasicCredentials {
  id: string
  secret: string
}

// Base64 (RFC 4648 §4), padding optional as some clients leave it out; nothing else: Buffer would
// silently skip characters it cannot read, and so accept credentials nobody sent.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Parses `Authorization: Basic …` (null when the scheme is another). The credentials must be base64
 * of UTF-8 `client_id:client_secret`, each half form-urlencoded (RFC 6749 §2.3.1); anything else is
 * invalid_client with the Basic challenge.
 */
export function parseBasicAuth(header: string | undefined): BasicCredentials | null {
  if (!header || !/^Basic(?:\s|$)/i.test(header)) return null
  const encoded = header.slice(5).trim()
  if (encoded === '' || !BASE64.test(encoded)) throw new InvalidBasicClient('The Basic credentials are malformed: expected base64 of client_id:client_secret.')
  let decoded: string
  try {
    decoded = UTF8.decode(Buffer.from(encoded, 'base64'))
  } catch {
    throw new InvalidBasicClient('The Basic credentials are malformed: they are not UTF-8 text.')
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new InvalidBasicClient('The Basic credentials are malformed: expected base64 of client_id:client_secret.')
  const formDecode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '))
    } catch {
      throw new InvalidBasicClient('The Basic credentials are malformed: bad percent-encoding.')
    }
  }
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) }
}

/** Authenticates the calling client or throws InvalidClient / InvalidRequest naming what is wrong. */
export async function authenticateClient(ctx: AppContext, authorization: string | undefined, body: ParamSource): Promise<AuthenticatedClient> {
  const basic = parseBasicAuth(authorization)
  const bodyId = oauthParam(body, 'client_id')
  const bodySecret = oauthParam(body, 'client_secret')
  const Failure = basic ? InvalidBasicClient : InvalidClient

  if (basic && bodySecret !== undefined) throw new InvalidRequest('Client credentials were sent both in the Authorization header and in the body; use one.')
  if (basic && bodyId !== undefined && bodyId !== basic.id) throw new InvalidRequest('The client_id in the body differs from the one in the Authorization header.')
  const id = basic?.id ?? bodyId
  if (id === undefined || id === '') throw new InvalidClient('Client authentication failed: the client_id parameter is missing.')

  // One read gives the client and its secret's digest.
  const found = /^[1-9][0-9]{0,15}$/.test(id) ? await findClientWithSecret(ctx.db, Number(id)) : null
  if (!found) throw new Failure(`Client authentication failed: no client is registered with client_id "${id}".`)
  const { client, secretHash } = found

  const secret = basic?.secret ?? bodySecret
  if (client.isPublic) {
    if (secret !== undefined && secret !== '') throw new Failure(`Client authentication failed: client ${client.id} is public and has no secret; send only client_id.`)
    return { client, method: 'none' }
  }
  if (secret === undefined || secret === '') throw new Failure(`Client authentication failed: client ${client.id} is confidential; send its client_secret.`)
  if (!secretMatches(secretHash, secret)) throw new Failure(`Client authentication failed: wrong client_secret for client ${client.id}.`)
  return { client, method: basic ? 'client_secret_basic' : 'client_secret_post' }
}
