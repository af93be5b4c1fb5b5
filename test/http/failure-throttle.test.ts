import { describe, expect, it } from 'vitest'
import { describeWait, FailureThrottle } from '../../src/http/failure-throttle.js'

describe('FailureThrottle', () => {
  it('refuses a key after maxFailures failures, and forgets it on reset', async () => {
    const throttle = new FailureThrottle(3, 60)
    for (let i = 0; i < 2; i++) await throttle.recordFailure('k')
    expect(await throttle.retryAfter('k')).toBe(0)
    await throttle.recordFailure('k')
    const wait = await throttle.retryAfter('k')
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await throttle.retryAfter('other')).toBe(0)
    await throttle.reset('k')
    expect(await throttle.retryAfter('k')).toBe(0)
  })

  it('says how long to wait in words', () => {
    expect(describeWait(1)).toBe('1 second')
    expect(describeWait(40)).toBe('40 seconds')
    expect(describeWait(60)).toBe('1 minute')
    expect(describeWait(61)).toBe('2 minutes')
    expect(describeWait(900)).toBe('15 minutes')
  })
})
