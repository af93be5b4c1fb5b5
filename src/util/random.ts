/** Random identifiers and digests used for secrets, sessions and token ids. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** `bytes` random bytes as base64url (43 characters for 32 bytes: 256 bits of entropy). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** `bytes` random bytes as lower-case hex (AniList's jti is 80 hex characters: 40 bytes). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** SHA-256 as hex: the stored form of random secrets, which need no slow hash (they cannot be guessed). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
