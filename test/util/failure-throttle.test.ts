import { describe, expect, it } from 'vitest'
import { describeWait, FailureThrottle } from '../../src/util/failure-throttle.js'

describe('FailureThrottle', () => {
  it('lets maxAttempts attempts through, refuses the next with the wait, and forgets the key on reset', async () => {
    const throttle = new FailureThrottle(3, 60)
    for (let i = 0; i < 3; i++) expect(await throttle.take('k')).toBe(0)
    const wait = await throttle.take('k')
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await throttle.take('other')).toBe(0)
    await throttle.reset('k')
    expect(await throttle.take('k')).toBe(0)
  })

  it('takes attempts atomically: of many taken at once, exactly maxAttempts go through', async () => {
    const throttle = new FailureThrottle(5, 60)
    const waits = await Promise.all(Array.from({ length: 30 }, () => throttle.take('k')))
    expect(waits.filter((w) => w === 0)).toHaveLength(5)
  })

  it('counts an attempt that was given back as never made', async () => {
    const throttle = new FailureThrottle(2, 60)
    expect(await throttle.take('k')).toBe(0)
    await throttle.giveBack('k')
    expect(await throttle.take('k')).toBe(0)
    expect(await throttle.take('k')).toBe(0)
    expect(await throttle.take('k')).toBeGreaterThan(0)
  })

  it('says how long to wait in words', () => {
    expect(describeWait(1)).toBe('1 second')
    expect(describeWait(40)).toBe('40 seconds')
    expect(describeWait(60)).toBe('1 minute')
    expect(describeWait(61)).toBe('2 minutes')
    expect(describeWait(900)).toBe('15 minutes')
  })
})
