/**
 * rate-limiter-flexible's limiters, each loaded from its own file. The package's index loads every
 * store it supports (Mongo, MySQL, DynamoDB, etcd…: 36 modules, a few percent of a start-up) although
 * Kiroku uses two; the types are the package's own.
 */
import { createRequire } from 'node:module'
import type * as Flexible from 'rate-limiter-flexible'

const load = createRequire(import.meta.url)

export const RateLimiterMemory = load('rate-limiter-flexible/lib/RateLimiterMemory.js') as typeof Flexible.RateLimiterMemory
export const RateLimiterRes = load('rate-limiter-flexible/lib/RateLimiterRes.js') as typeof Flexible.RateLimiterRes
export type RateLimiterAbstract = Flexible.RateLimiterAbstract

/** The Redis limiter, loaded only by an installation with Redis. */
export function loadRateLimiterRedis(): typeof Flexible.RateLimiterRedis {
  return load('rate-limiter-flexible/lib/RateLimiterRedis.js') as typeof Flexible.RateLimiterRedis
}
