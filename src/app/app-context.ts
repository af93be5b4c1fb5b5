/**
 * Everything a request handler may need, created once by buildServer and passed down explicitly:
 * no module keeps global state, so a test can build many servers side by side.
 */
import type { Kysely } from 'kysely'
import type { Config } from './config.js'
import type { Database } from '../storage/db.js'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { KeyStore } from '../oauth/keys.js'
import type { AccessTokens } from '../oauth/tokens.js'
import type { Views } from '../web/views.js'
import type { Metrics } from '../ops/metrics.js'
import type { SharedRedis } from '../cluster/redis.js'
import type { TextRenderer } from '../markdown/text-renderer.js'
import type { UserCache } from '../accounts/user-cache.js'
import type { EntryListener } from '../lists/entry-events.js'
import type { PostingLimit } from '../social/posting-limit.js'
import type { LikeableKind } from '../social/likeable-kinds.js'

export interface AppContext {
  config: Config
  database: Database
  db: Kysely<Tables>
  clock: Clock
  keys: KeyStore
  tokens: AccessTokens
  /** Accounts by id, kept in memory for a short while (accounts/user-cache.ts): every change goes through it. */
  users: UserCache
  views: Views
  /** This server's Prometheus instruments (ops/metrics.ts). */
  metrics: Metrics
  /** The Redis shared by all instances (REDIS_URL); null without one. */
  redis: SharedRedis | null
  /** Markdown and descriptions as HTML, with this server's cache of what it rendered (markdown/). */
  textRenderer: TextRenderer
  /** Told of every list entry a user saves, inside its transaction (lists/entry-events.ts): the list activities. */
  entryListeners: readonly EntryListener[]
  /** How often one user may post activities, messages and replies (POSTING_LIMIT_PER_MINUTE). */
  postingLimit: PostingLimit
  /** The likeable items above social/ (the forum's threads and comments), for the like rules. */
  likeableKinds: readonly LikeableKind[]
}
