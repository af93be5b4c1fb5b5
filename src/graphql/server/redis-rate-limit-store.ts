/**
 * Rate-limit counts in Redis, shared by every instance: one counter per key and window, raised and
 * given its expiry by one Lua script (atomic: concurrent requests on several instances each get a
 * distinct count; one round trip). While Redis fails, requests are counted in this instance's memory
 * instead (a logged warning): the limit then holds per instance, as without Redis, and the API stays up.
 */
import type { SharedRedis } from '../../cluster/redis.js'
import { MemoryRateLimitStore, RATE_LIMIT_WINDOW_SECONDS, type RateLimitStore } from './rate-limit.js'

// Counts a hit; the first hit of a window sets the counter's expiry.
const HIT_SCRIPT = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n"

interface HitCommand {
  kirokuRateLimitHit(key: string, expirySeconds: number): Promise<number>
}

export class RedisRateLimitStore implements RateLimitStore {
  private readonly fallback: MemoryRateLimitStore
  private readonly script: HitCommand

  constructor(
    private readonly redis: SharedRedis,
    private readonly windowSeconds = RATE_LIMIT_WINDOW_SECONDS,
  ) {
    this.fallback = new MemoryRateLimitStore(windowSeconds)
    // ioredis sends the script by its SHA (EVALSHA), loading it once per connection.
    redis.commands.defineCommand('kirokuRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT })
    this.script = redis.commands as unknown as HitCommand
  }

  async hit(key: string): Promise<number> {
    try {
      // Keys carry their window's start (RateLimiter), so the expiry only frees memory: two windows
      // leave room for clocks that differ between instances and Redis.
      return Number(await this.script.kirokuRateLimitHit(this.redis.key(`ratelimit:${key}`), 2 * this.windowSeconds))
    } catch (error) {
      this.redis.reportFailure('counting GraphQL requests (now counted per instance)', error)
      return this.fallback.hit(key)
    }
  }
}
