/**
 * The Redis that the instances of one installation share (REDIS_URL): one connection for commands
 * (counters, publishing) and one that listens for notices. Redis is a cache here, never a dependency:
 * a command fails at once while the connection is down (no offline queue) or after COMMAND_TIMEOUT_MS,
 * and every caller then falls back to what a single instance does on its own. Outages are logged once
 * when they start and once when they end, never per request.
 */
import { createRequire } from 'node:module'
import type { Redis } from 'ioredis'
import { RedisBroadcast } from './redis-broadcast.js'

/** Where outages are reported (Fastify's logger fits). */
export interface RedisLog {
  warn(details: object, message: string): void
  info(details: object, message: string): void
}

// Redis answers in well under a millisecond; a reply this late means it is stuck, and waiting longer
// would hold up every GraphQL request.
const COMMAND_TIMEOUT_MS = 500
// How long a start waits for Redis before serving without it (a closed port fails at once).
const CONNECT_WAIT_MS = 3000
// A failing command is reported at most this often, so an outage does not flood the log.
const REPORT_INTERVAL_MS = 60_000

export class SharedRedis {
  /** Counters and publishing. */
  readonly commands: Redis
  readonly broadcast: RedisBroadcast
  private readonly subscriber: Redis
  private log: RedisLog | null = null
  // Messages from before the server's logger existed, written out by useLog.
  private readonly pending: Array<['warn' | 'info', object, string]> = []
  private readonly down = new Set<string>()
  private readonly lastReport = new Map<string, number>()
  private closing = false

  private constructor(url: string, readonly prefix: string) {
    // Required here, not imported at the top: most installations have no Redis, and loading the client
    // is a tenth of a start-up.
    const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis')
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_WAIT_MS,
    }
    // Auto-pipelining sends the commands of concurrent requests in one write (measured with
    // `npm run bench -- --redis URL`: counting in Redis then costs about what counting in memory does).
    this.commands = this.watch(new RedisClient(url, { ...options, connectionName: 'kiroku', enableAutoPipelining: true }), 'commands')
    this.subscriber = this.watch(new RedisClient(url, { ...options, commandTimeout: undefined, autoResubscribe: false, connectionName: 'kiroku-notices' }), 'notices')
    this.broadcast = new RedisBroadcast(this.commands, this.subscriber, `${prefix}notices`, (what, error) => this.reportFailure(what, error))
  }

  /** Connects to `url`, waiting a few seconds at most: an unreachable Redis is logged, never fatal. */
  static async connect(url: string, prefix: string): Promise<SharedRedis> {
    const shared = new SharedRedis(url, prefix)
    const commandsSettled = new Promise<void>((resolve) => {
      shared.commands.once('ready', resolve)
      shared.commands.once('error', () => resolve())
    })
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)))
    await Promise.race([Promise.all([commandsSettled, shared.broadcast.firstAttempt]), timeout])
    clearTimeout(timer)
    return shared
  }

  /** The Redis key for `name`, under this installation's prefix. */
  key(name: string): string {
    return this.prefix + name
  }

  /** Sends reports to `log` from now on, and any made before it was given. */
  useLog(log: RedisLog): void {
    this.log = log
    for (const [level, details, message] of this.pending.splice(0)) log[level](details, message)
  }

  /** Logs that `what` failed on Redis and what Kiroku does instead, at most once a minute per `what`. */
  reportFailure(what: string, error: unknown): void {
    const now = Date.now()
    if (now - (this.lastReport.get(what) ?? -Infinity) < REPORT_INTERVAL_MS) return
    this.lastReport.set(what, now)
    this.write('warn', { reason: reasonOf(error) }, `Redis failed while ${what}; carrying on without it`)
  }

  /** Closes both connections; commands still waiting fail (and their callers fall back). */
  async close(): Promise<void> {
    this.closing = true
    this.commands.disconnect()
    this.subscriber.disconnect()
  }

  private watch(connection: Redis, name: string): Redis {
    const unavailable = (reason: string) => {
      // ioredis reports every failed reconnection attempt: say once that the connection is down.
      if (this.closing || this.down.has(name)) return
      this.down.add(name)
      this.write(
        'warn',
        { reason },
        `Redis ${name} connection unavailable: rate limits and throttles count per instance, revocations and key rotations spread through the database, until it returns`,
      )
    }
    connection.on('error', (error: unknown) => unavailable(reasonOf(error)))
    connection.on('close', () => unavailable('connection closed'))
    connection.on('ready', () => {
      if (this.down.delete(name)) this.write('info', {}, `Redis ${name} connection restored`)
    })
    return connection
  }

  private write(level: 'warn' | 'info', details: object, message: string): void {
    if (this.log) this.log[level](details, message)
    else this.pending.push([level, details, message])
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
