/** The node:crypto signer makes exactly the tokens jose's SignJWT made, and jose verifies them. */
import { KeyObject } from 'node:crypto'
import { expect, it } from 'vitest'
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose'
import { newKeyPair } from '../../src/oauth/keys.js'
import { signRs256Jwt } from '../../src/oauth/jwt-sign.js'

it('signs byte for byte what jose signed before (RS256 is deterministic), and jose verifies it', async () => {
  const { privateKey, publicKey } = await newKeyPair()
  const header = { alg: 'RS256', typ: 'JWT', kid: 'kid-1', jti: 'a'.repeat(40) }
  const claims = { scopes: [], aud: '7', jti: 'a'.repeat(40), iat: 1_750_000_000, nbf: 1_750_000_000, exp: 1_781_536_000, sub: '42' }
  const ours = await signRs256Jwt(header, claims, KeyObject.from(privateKey))
  const joses = await new SignJWT({ scopes: [] })
    .setProtectedHeader(header)
    .setAudience('7')
    .setJti(claims.jti)
    .setIssuedAt(claims.iat)
    .setNotBefore(claims.nbf)
    .setExpirationTime(claims.exp)
    .setSubject('42')
    .sign(privateKey)
  expect(ours).toBe(joses)
  expect(decodeProtectedHeader(ours)).toEqual(header)
  const { payload } = await jwtVerify(ours, publicKey, { algorithms: ['RS256'], currentDate: new Date(claims.iat * 1000) })
  expect(payload).toEqual(claims)
})
