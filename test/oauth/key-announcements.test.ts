/** How an instance learns of a signing key another instance created: announced, on an unknown kid, on reload. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KEYS_TOPIC, KeyStore } from '../../src/oauth/keys.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { MemoryBus } from '../helpers/broadcast.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

/** Another instance's key store over the test server's database. */
async function instance(bus?: MemoryBus): Promise<KeyStore> {
  const store = new KeyStore(s.app.kiroku.db, s.clock, 3600, bus?.endpoint() ?? null)
  await store.init()
  return store
}

describe('signing keys across instances', () => {
  it('a rotation announced by one instance makes every other sign with the new key at once', async () => {
    const bus = new MemoryBus()
    const [a, b, c] = [await instance(bus), await instance(bus), await instance(bus)]
    const old = a.current().kid
    expect([b.current().kid, c.current().kid]).toEqual([old, old])
    const kid = await a.rotate()
    expect(bus.sent).toEqual([[KEYS_TOPIC, kid]])
    expect([a.current().kid, b.current().kid, c.current().kid]).toEqual([kid, kid, kid])
    expect(b.jwks().keys.map((k) => k.kid)).toEqual([kid, old])
  })

  it('without announcements, another instance signs with its old key until it reloads', async () => {
    const [a, b] = [await instance(), await instance()]
    const old = b.current().kid
    const kid = await a.rotate()
    expect(b.current().kid).toBe(old)
    await b.reload()
    expect(b.current().kid).toBe(kid)
  })

  it('finds a key created just after its last reload, waiting for the next one instead of refusing the kid', async () => {
    const [a, b] = [await instance(), await instance()]
    const kid = await a.rotate()
    // As if B had reloaded a moment before the key was written (generating an RSA key can take longer
    // than the one-second window, so a real reload before rotate() might fall outside it).
    Reflect.set(b, 'lastReload', Date.now())
    const found = await b.find(kid)
    expect(found?.kid).toBe(kid)
    expect(b.current().kid).toBe(kid)
    expect(await b.find('no-such-kid')).toBeNull()
  })

  it('reloads when notices are heard again, catching a rotation announced while they were not', async () => {
    const bus = new MemoryBus()
    const b = await instance(bus)
    bus.listening = false
    const kid = await (await instance(bus)).rotate()
    expect(b.current().kid).not.toBe(kid)
    await bus.resume()
    expect(b.current().kid).toBe(kid)
  })
})
