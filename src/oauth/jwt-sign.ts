/**
 * Signs a compact JWS (RS256) with node:crypto's asynchronous sign and a KeyObject. jose signs
 * through WebCrypto, which costs more per signature on the event loop (key checks, algorithm
 * normalisation, its job wrapper); the asynchronous form still signs on the thread pool, so the event
 * loop stays free while the RSA operation runs. RSASSA-PKCS1-v1_5 is deterministic: for the same
 * header, claims and key the token is byte for byte the one jose would make (tested).
 */
import { sign, type KeyObject } from 'node:crypto'

/** The JWS `header.claims.signature`, each part base64url JSON in the objects' own key order. */
export function signRs256Jwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): Promise<string> {
  const input = `${base64url(header)}.${base64url(claims)}`
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), key, (error, signature) => (error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`)))
  })
}

function base64url(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
