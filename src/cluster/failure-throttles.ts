/**
 * FailureThrottles whose counts all instances share through Redis (rate-limiter-flexible's Redis
 * limiter, under `<prefix><name>:`). While Redis fails they count in this instance's memory (its
 * insurance limiter): guessing stays limited, per instance, and nobody is locked out by an outage.
 */
import { loadRateLimiterRedis, RateLimiterMemory } from '../util/rate-limiters.js'
import { FailureThrottle } from '../util/failure-throttle.js'
import type { SharedRedis } from './redis.js'

/** A FailureThrottle counting in `redis` when there is one, in memory otherwise. */
export function sharedFailureThrottle(redis: SharedRedis | null, name: string, maxAttempts: number, windowSeconds: number): FailureThrottle {
  if (!redis) return new FailureThrottle(maxAttempts, windowSeconds)
  const RateLimiterRedis = loadRateLimiterRedis()
  const limiter = new RateLimiterRedis({
    storeClient: redis.commands,
    keyPrefix: redis.key(name),
    points: maxAttempts,
    duration: windowSeconds,
    // Straight to the insurance limiter while disconnected, rather than waiting for an error.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: maxAttempts, duration: windowSeconds }),
  })
  return new FailureThrottle(maxAttempts, windowSeconds, limiter)
}
