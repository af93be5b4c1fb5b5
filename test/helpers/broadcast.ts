/** An in-memory Broadcast shared by several "instances" in one test, whose delivery the test controls. */
import type { Broadcast, BroadcastHandlers } from '../../src/cluster/broadcast.js'

export class MemoryBus {
  /** Whether endpoints say they are listening (a test turns it off to stand for an outage). */
  listening = true
  readonly sent: Array<[string, string]> = []
  private readonly handlers: Array<[string, BroadcastHandlers]> = []

  /** One instance's view of the bus. */
  endpoint(): Broadcast {
    const bus = this
    return {
      get listening() {
        return bus.listening
      },
      publish: async (topic, payload) => {
        bus.sent.push([topic, payload])
        if (!bus.listening) return false
        await Promise.all(bus.handlers.filter(([t]) => t === topic).map(([, h]) => h.message(payload)))
        return true
      },
      subscribe: (topic, handlers) => void bus.handlers.push([topic, handlers]),
    }
  }

  /** Tells every subscriber that notices may have been lost. */
  gap(): void {
    this.listening = false
    for (const [, h] of this.handlers) h.gap?.()
  }

  /** Tells every subscriber that notices arrive again. */
  async resume(): Promise<void> {
    this.listening = true
    for (const [, h] of this.handlers) await h.resume?.()
  }
}
