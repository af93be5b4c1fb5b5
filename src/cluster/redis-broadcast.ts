/**
 * Broadcast over Redis pub/sub: every notice goes out on one channel per installation
 * (`<prefix>notices`) as "<topic> <payload>". A subscribed connection cannot send commands, so
 * notices are published on the command connection and heard on a connection of their own.
 */
import type { Redis } from 'ioredis'
import type { Broadcast, BroadcastHandlers } from './broadcast.js'

export class RedisBroadcast implements Broadcast {
  private heard = false
  private readonly topics = new Map<string, BroadcastHandlers[]>()
  /** Settles once the first subscription succeeded or the first attempt to connect failed. */
  readonly firstAttempt: Promise<void>

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly report: (what: string, error: unknown) => void,
  ) {
    let settle!: () => void
    this.firstAttempt = new Promise((resolve) => (settle = resolve))
    // Subscriptions are made here after every (re)connection rather than by ioredis' automatic
    // resubscription, so that `listening` turns true only once the channel is really subscribed.
    subscriber.on('ready', () => void this.listen().finally(settle))
    subscriber.on('error', () => settle())
    subscriber.on('close', () => this.lose())
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.deliver(message)
    })
  }

  get listening(): boolean {
    return this.heard
  }

  async publish(topic: string, payload: string): Promise<boolean> {
    try {
      await this.publisher.publish(this.channel, `${topic} ${payload}`)
      return true
    } catch (error) {
      this.report(`announcing "${topic}" to the other instances`, error)
      return false
    }
  }

  subscribe(topic: string, handlers: BroadcastHandlers): void {
    this.topics.set(topic, [...(this.topics.get(topic) ?? []), handlers])
  }

  private async listen(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel)
    } catch (error) {
      this.report('subscribing to notices from the other instances', error)
      return
    }
    this.heard = true
    for (const [topic, list] of this.topics) for (const h of list) if (h.resume) this.run(topic, () => h.resume!())
  }

  private lose(): void {
    if (!this.heard) return
    this.heard = false
    for (const [topic, list] of this.topics) for (const h of list) if (h.gap) this.run(topic, () => h.gap!())
  }

  private deliver(message: string): void {
    const space = message.indexOf(' ')
    const topic = space < 0 ? message : message.slice(0, space)
    const payload = space < 0 ? '' : message.slice(space + 1)
    for (const h of this.topics.get(topic) ?? []) this.run(topic, () => h.message(payload))
  }

  // A handler's failure is logged and never reaches the connection's event loop.
  private run(topic: string, handler: () => void | Promise<void>): void {
    try {
      const result = handler()
      if (result) result.catch((error: unknown) => this.report(`handling a "${topic}" notice`, error))
    } catch (error) {
      this.report(`handling a "${topic}" notice`, error)
    }
  }
}
