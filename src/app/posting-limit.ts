/**
 * The posting limit of this server (POSTING_LIMIT_PER_MINUTE): fixed minutes of the server's clock,
 * counted with the GraphQL rate limit's stores (in memory, or in Redis so that every instance shares
 * one count per user).
 */
import type { Config } from './config.js'
import type { Clock } from '../util/clock.js'
import type { SharedRedis } from '../cluster/redis.js'
import { MemoryRateLimitStore, RateLimiter } from '../graphql/server/rate-limit.js'
import { RedisRateLimitStore } from '../graphql/server/redis-rate-limit-store.js'
import { NO_POSTING_LIMIT, type PostingLimit } from '../social/posting-limit.js'

/** The configured limit; none when it is 0. */
export function postingLimitOf(config: Config, redis: SharedRedis | null, clock: Clock): PostingLimit {
  if (config.postingLimitPerMinute === 0) return NO_POSTING_LIMIT
  const limiter = new RateLimiter(redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore(), config.postingLimitPerMinute, clock)
  return { allow: async (userId) => (await limiter.check(`posting:user:${userId}`)).allowed }
}
