/**
 * Rate-limit counts in Redis, shared by every instance: one counter per key and window, raised and
 * given its expiry in one MULTI (atomic: concurrent requests on several instances each get a distinct
 * count). While Redis fails, requests are counted in this instance's memory instead (a logged
 * warning): the limit then holds per instance, as without Redis, and the API stays up.
 */
import type { SharedRedis } from '../cluster/redis.js'
import { MemoryRateLimitStore, RATE_LIMIT_WINDOW_SECONDS, type RateLimitStore } from './rate-limit.js'

export class RedisRateLimitStore implements RateLimitStore {
  private readonly fallback: MemoryRateLimitStore

  constructor(
    private readonly redis: SharedRedis,
    private readonly windowSeconds = RATE_LIMIT_WINDOW_SECONDS,
  ) {
    this.fallback = new MemoryRateLimitStore(windowSeconds)
  }

  async hit(key: string): Promise<number> {
    const redisKey = this.redis.key(`ratelimit:${key}`)
    try {
      // Keys carry their window's start (RateLimiter), so the expiry only frees memory: two windows
      // leave room for clocks that differ between instances and Redis.
      const replies = await this.redis.commands.multi().incr(redisKey).expire(redisKey, 2 * this.windowSeconds).exec()
      const [incr] = replies ?? []
      if (!incr || incr[0]) throw incr?.[0] ?? new Error('the transaction was discarded')
      return Number(incr[1])
    } catch (error) {
      this.redis.reportFailure('counting GraphQL requests (now counted per instance)', error)
      return this.fallback.hit(key)
    }
  }
}
