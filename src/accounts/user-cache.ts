/**
 * Accounts by id, kept in memory for the requests that need one on every call (`Viewer`, a page's
 * session). A kept account is trusted for as long as a token's row is (oauth/tokens.ts): 10 seconds
 * while changes are announced between instances (Broadcast topic `users`, with Redis), otherwise
 * TOKEN_CHECK_CACHE_SECONDS (0: read on every use). Every change to a `users` row made through this
 * server goes through `changed`, which forgets the account here at once and announces it, so the
 * instance that made a change never answers with the old row; another instance follows within the
 * bound. Deleting an account also deletes its tokens and sessions, so a deleted account stops being
 * served as soon as its token is refused, whatever this cache holds.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Broadcast } from '../cluster/broadcast.js'
import { LruCache } from '../util/lru.js'
import { deleteUser, findUserById, type User } from './users.js'

/** The Broadcast topic of changed accounts: a comma-separated list of user ids. */
export const USERS_TOPIC = 'users'
// Accounts are a few hundred bytes each: 10,000 of them are a few MB.
const CACHE_SIZE = 10_000
// How long a kept account stands while changes are announced (announcements forget it at once).
const ANNOUNCED_TRUST_MS = 10_000
// Announcements are split so that changing many accounts makes no giant message.
const IDS_PER_NOTICE = 500

interface Kept {
  user: User
  until: number
}

export interface UserCacheOptions {
  broadcast?: Broadcast | null
  /** How long a kept account stands without announcements, in seconds; 0 turns the cache off. */
  trustSeconds: number
  /** Milliseconds from a monotonic clock (tests move it). */
  now?: () => number
}

export class UserCache {
  private readonly kept = new LruCache<number, Kept>(CACHE_SIZE)
  // Raised by every eviction: a read that overlapped one is not kept, since the change it was evicted
  // for may have been committed after the read.
  private evictions = 0
  private readonly broadcast: Broadcast | null
  private readonly trustMs: number
  private readonly now: () => number

  constructor(
    private readonly db: Kysely<Tables>,
    options: UserCacheOptions,
  ) {
    this.broadcast = options.broadcast ?? null
    this.trustMs = options.trustSeconds * 1000
    this.now = options.now ?? (() => performance.now())
    this.broadcast?.subscribe(USERS_TOPIC, {
      message: (payload) => this.forget(payload.split(',').map(Number)),
      gap: () => this.forgetAll(),
      resume: () => this.forgetAll(),
    })
  }

  /** The account with this id (null if there is none), from memory when it was read lately. */
  async byId(id: number): Promise<User | null> {
    const kept = this.kept.get(id)
    if (kept && kept.until > this.now()) return kept.user
    if (this.trustMs === 0) return findUserById(this.db, id)
    const evictionsBefore = this.evictions
    const trustMs = this.broadcast?.listening ? ANNOUNCED_TRUST_MS : this.trustMs
    const user = await findUserById(this.db, id)
    // An absent account is not kept: SQLite may give its id to the next account created.
    if (user && this.evictions === evictionsBefore) this.kept.set(id, { user, until: this.now() + trustMs })
    return user
  }

  /** Deletes an account (its tokens and sessions go with it) and forgets it everywhere. */
  async delete(id: number): Promise<boolean> {
    const deleted = await deleteUser(this.db, id)
    await this.changed([id])
    return deleted
  }

  /**
   * To be called once a change to these accounts' rows has committed: forgets them here at once and
   * announces them to the other instances (announced before the commit, another instance could read
   * the old row again and keep it).
   */
  async changed(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return
    this.forget(ids)
    if (!this.broadcast) return
    for (let i = 0; i < ids.length; i += IDS_PER_NOTICE) await this.broadcast.publish(USERS_TOPIC, ids.slice(i, i + IDS_PER_NOTICE).join(','))
  }

  private forget(ids: readonly number[]): void {
    this.evictions++
    for (const id of ids) this.kept.delete(id)
  }

  private forgetAll(): void {
    this.evictions++
    this.kept.clear()
  }
}
