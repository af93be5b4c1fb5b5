/** REDIS_URL, REDIS_PREFIX and TOKEN_CHECK_CACHE_SECONDS as loadConfig reads them. */
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/app/config.js'

describe('Redis settings', () => {
  it('have no Redis, the kiroku: prefix and a one-second token check cache by default', () => {
    const config = loadConfig({}, {})
    expect(config.redisUrl).toBeNull()
    expect(config.redisPrefix).toBe('kiroku:')
    expect(config.tokenCheckCacheSeconds).toBe(1)
    expect(loadConfig({}, { REDIS_URL: '' }).redisUrl).toBeNull()
  })

  it('take redis:// and rediss:// URLs, a prefix and a cache time from the environment', () => {
    expect(loadConfig({}, { REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe('redis://127.0.0.1:6379/2')
    expect(loadConfig({}, { REDIS_URL: 'rediss://user:pw@cache.example:6380' }).redisUrl).toBe('rediss://user:pw@cache.example:6380')
    expect(loadConfig({}, { REDIS_PREFIX: 'community-a:' }).redisPrefix).toBe('community-a:')
    expect(loadConfig({}, { TOKEN_CHECK_CACHE_SECONDS: '0' }).tokenCheckCacheSeconds).toBe(0)
    expect(loadConfig({}, { TOKEN_CHECK_CACHE_SECONDS: '5' }).tokenCheckCacheSeconds).toBe(5)
  })

  it('refuse other URLs without repeating a password they carry', () => {
    for (const bad of ['http://127.0.0.1:6379', 'localhost:6379', 'not a url']) {
      expect(() => loadConfig({}, { REDIS_URL: bad }), bad).toThrow(ConfigError)
    }
    expect(() => loadConfig({}, { REDIS_URL: 'http://user:s3cret@host:6379' })).toThrow(/REDIS_URL "http:\/\/user:\*\*\*@host:6379"/)
    for (const bad of ['-1', '1.5', 'soon', '']) expect(() => loadConfig({}, { TOKEN_CHECK_CACHE_SECONDS: bad }), bad).toThrow(ConfigError)
  })
})
