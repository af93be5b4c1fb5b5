/**
 * Notices a page shows once after a Post/Redirect/Get: a new client secret after creating a client or
 * rotating its secret. The POST seals the notice into a short-lived HttpOnly cookie (AES-256-GCM under
 * a server secret: nobody can forge or alter one, the cookie store holds no readable secret, and every
 * instance on the database can open it) and redirects to the page with a random one-time id in the
 * query string. The GET shows the notice only when the cookie holds that id for the same user and is
 * under NOTICE_TTL_SECONDS old, and clears the cookie, so that a reload shows it no more. The secret
 * is never in a URL, and cookies are never logged (app/build-server.ts redacts them).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Clock } from '../util/clock.js'
import { randomToken } from '../util/random.js'

/** How long a sealed notice can be opened, in seconds: enough for a redirect, not for a forgotten tab. */
export const NOTICE_TTL_SECONDS = 300
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

interface Sealed<T> {
  id: string
  userId: number
  expiresAt: number
  notice: T
}

export class OneTimeNotices {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Seals `notice` for `userId`; returns the one-time id for the redirect's query and the cookie value. */
  seal<T>(userId: number, notice: T): { id: string; cookie: string } {
    const id = randomToken(18)
    const sealed: Sealed<T> = { id, userId, expiresAt: this.clock() + NOTICE_TTL_SECONDS, notice }
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()])
    return { id, cookie: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url') }
  }

  /** The notice sealed in `cookie` under `id` for `userId`, when it is genuine and current; else null. */
  open<T>(cookie: unknown, id: unknown, userId: number): T | null {
    if (typeof cookie !== 'string' || cookie.length > 8192 || typeof id !== 'string' || !ID_PATTERN.test(id)) return null
    let sealed: Sealed<T>
    try {
      const raw = Buffer.from(cookie, 'base64url')
      if (raw.length < 29) return null
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      sealed = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Sealed<T>
    } catch {
      return null
    }
    if (sealed.id !== id || sealed.userId !== userId || !(sealed.expiresAt > this.clock())) return null
    return sealed.notice
  }
}
