/**
 * Device authorizations (RFC 8628). This module owns `oauth_device_codes`. A device gets a long
 * device code (stored as SHA-256) to poll with, and shows its user a short user code to type at
 * /activate. User codes use 20 consonants (no vowels, so no words; no look-alike letters) in two
 * groups of four: about 2^34 codes, alive 10 minutes each.
 */
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { GrantScope } from './grant-scope.js'
import type { Clock } from '../util/clock.js'
import { randomToken, sha256Hex } from '../util/random.js'

export const DEVICE_CODE_TTL_SECONDS = 600
export const DEVICE_POLL_INTERVAL_SECONDS = 5
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'

export type DeviceStatus = 'pending' | 'approved' | 'denied' | 'used'

export interface DeviceAuthorization {
  id: string
  userCode: string
  clientId: number
  status: DeviceStatus
  userId: number | null
  intervalSeconds: number
  expiresAt: number
  lastPolledAt: number | null
}

function newUserCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** What a person typed, as stored: upper case, no spaces or dashes, then the dash put back. */
export function normalizeUserCode(input: string): string | null {
  const letters = input.toUpperCase().replace(/[\s-]/g, '')
  if (letters.length !== 8 || [...letters].some((c) => !USER_CODE_ALPHABET.includes(c))) return null
  return `${letters.slice(0, 4)}-${letters.slice(4)}`
}

/** Starts a device authorization; returns the device code (only its digest is stored) and the user code. */
export async function createDeviceAuthorization(db: Kysely<Tables>, clock: Clock, clientId: number): Promise<{ deviceCode: string; userCode: string; expiresIn: number; interval: number }> {
  const deviceCode = randomToken(32)
  const now = clock()
  // Expired rows keep their user code until swept; a collision with a live one is retried.
  await db.deleteFrom('oauth_device_codes').where('expires_at', '<', now - 86_400).execute()
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode()
    try {
      await db
        .insertInto('oauth_device_codes')
        .values({ id: sha256Hex(deviceCode), user_code: userCode, client_id: clientId, status: 'pending', user_id: null, interval_seconds: DEVICE_POLL_INTERVAL_SECONDS, created_at: now, expires_at: now + DEVICE_CODE_TTL_SECONDS, last_polled_at: null })
        .execute()
      return { deviceCode, userCode, expiresIn: DEVICE_CODE_TTL_SECONDS, interval: DEVICE_POLL_INTERVAL_SECONDS }
    } catch (error) {
      if (attempt >= 4) throw error
    }
  }
}

type Row = Tables['oauth_device_codes']

function toDevice(row: { [K in keyof Row]: Row[K] }): DeviceAuthorization {
  return {
    id: row.id,
    userCode: row.user_code,
    clientId: row.client_id,
    status: row.status as DeviceStatus,
    userId: row.user_id,
    intervalSeconds: row.interval_seconds,
    expiresAt: row.expires_at,
    lastPolledAt: row.last_polled_at,
  }
}

export async function findByDeviceCode(db: Kysely<Tables>, deviceCode: string): Promise<DeviceAuthorization | null> {
  if (deviceCode.length === 0 || deviceCode.length > 200) return null
  const row = await db.selectFrom('oauth_device_codes').selectAll().where('id', '=', sha256Hex(deviceCode)).executeTakeFirst()
  return row ? toDevice(row) : null
}

/** The live, pending authorization for a typed user code, or null. */
export async function findPendingByUserCode(db: Kysely<Tables>, clock: Clock, typed: string): Promise<DeviceAuthorization | null> {
  const userCode = normalizeUserCode(typed)
  if (!userCode) return null
  const row = await db.selectFrom('oauth_device_codes').selectAll().where('user_code', '=', userCode).executeTakeFirst()
  if (!row || row.status !== 'pending' || row.expires_at <= clock()) return null
  return toDevice(row)
}

/** Records the user's answer; false when the authorization was no longer pending. */
export async function answerDeviceAuthorization(db: Kysely<Tables>, id: string, userId: number, approved: boolean): Promise<boolean> {
  const result = await db
    .updateTable('oauth_device_codes')
    .set({ status: approved ? 'approved' : 'denied', user_id: userId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records a poll; when it came sooner than the interval allows, the interval grows by 5 s (RFC 8628 §3.5). */
export async function recordPoll(db: Kysely<Tables>, clock: Clock, device: DeviceAuthorization): Promise<{ tooFast: boolean }> {
  const now = clock()
  const tooFast = device.lastPolledAt !== null && now - device.lastPolledAt < device.intervalSeconds
  await db
    .updateTable('oauth_device_codes')
    .set({ last_polled_at: now, interval_seconds: tooFast ? device.intervalSeconds + 5 : device.intervalSeconds })
    .where('id', '=', device.id)
    .execute()
  return { tooFast }
}

/** Turns the user's approved, not yet collected device authorizations for a client into denials. */
export async function withdrawDeviceApprovalsFor(db: Kysely<Tables>, scope: GrantScope): Promise<void> {
  await db
    .updateTable('oauth_device_codes')
    .set({ status: 'denied' })
    .$if(scope.clientId !== undefined, (q) => q.where('client_id', '=', scope.clientId!))
    .$if(scope.userId !== undefined, (q) => q.where('user_id', '=', scope.userId!))
    .where('status', '=', 'approved')
    .execute()
}

/** Marks an approved authorization used; false if another poll got there first. */
export async function consumeDeviceAuthorization(db: Kysely<Tables>, id: string): Promise<boolean> {
  const result = await db.updateTable('oauth_device_codes').set({ status: 'used' }).where('id', '=', id).where('status', '=', 'approved').executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
