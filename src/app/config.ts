/**
 * Kiroku's configuration: every setting, its environment variable, its flag and its default, in one
 * place. `loadConfig` merges command-line flags over the environment over the defaults below.
 */
import { KirokuError } from '../errors/kiroku-error.js'
import { isIP } from 'node:net'
import type { SqliteSynchronous } from '../storage/db.js'

export interface Config {
  /** TCP port to listen on. PORT, --port. Default 8080. */
  readonly port: number
  /** Interface to bind. HOST, --host. Default 127.0.0.1 (loopback: opt in to exposure). */
  readonly host: string
  /**
   * Where data lives. DATABASE_URL, --database. Default `sqlite:./data/kiroku.db`; a bare file path
   * means SQLite too, `sqlite::memory:` an in-memory database (tests), `postgres://…` PostgreSQL.
   */
  readonly databaseUrl: string
  /**
   * The URL users and apps reach Kiroku at: the issuer, redirect targets, the demo's PIN page.
   * PUBLIC_URL, --public-url. Default `http://localhost:<port>`. When https, cookies are Secure.
   */
  readonly publicUrl: string
  /** Access token lifetime in seconds. ACCESS_TOKEN_TTL. Default 31536000 (one year, as AniList). */
  readonly accessTokenTtlSeconds: number
  /** How long a login session lasts without use, in seconds. SESSION_TTL. Default 1209600 (14 days). */
  readonly sessionTtlSeconds: number
  /** Refresh token lifetime in seconds. REFRESH_TOKEN_TTL. Default 31536000 (one year); each use rotates it. */
  readonly refreshTokenTtlSeconds: number
  /** Accept PKCE's `plain` method besides S256. PKCE_ALLOW_PLAIN=1. Default off (RFC 9700 §2.1.1). */
  readonly pkcePlainAllowed: boolean
  /** Seed a demo user and client on an empty database, and the built-in catalog on any. --demo. Default off. */
  readonly demo: boolean
  /** pino log level. LOG_LEVEL. Default `info` (`silent` in tests). */
  readonly logLevel: string
  /**
   * How `kiroku serve` writes its logs to standard output (app/log-output.ts). LOG_FORMAT: `auto`
   * (default) prints them human-readable (pino-pretty, one short line per request) when standard
   * output is a terminal and as JSON lines otherwise (a pipe, a file, a log collector); `json` and
   * `pretty` force one or the other.
   */
  readonly logFormat: LogFormatSetting
  /**
   * GraphQL requests allowed per access token (or per client address without a valid one) per minute, as
   * AniList. RATE_LIMIT_PER_MINUTE. Default 90; 0 turns rate limiting off.
   */
  readonly rateLimitPerMinute: number
  /**
   * Text activities, messages and activity replies one user may save per minute (social/posting-limit.ts),
   * shared through Redis when REDIS_URL is set. POSTING_LIMIT_PER_MINUTE. Default 10; 0 turns it off.
   * Over it, a save is refused with AniList's 429 "Too Many Requests.".
   */
  readonly postingLimitPerMinute: number
  /**
   * Most levels of nested fields a GraphQL operation may have. MAX_QUERY_DEPTH. Default 20: real
   * clients' operations reach 8, the standard introspection query 15. 0 turns the check off.
   */
  readonly maxQueryDepth: number
  /**
   * Highest cost of a GraphQL operation (graphql/query-cost.ts: one per field, lists of objects times
   * the items they can hold), estimated before it runs and counted again with every list's real
   * length as it runs (graphql/cost-meter.ts). MAX_QUERY_COST. Default 250000: real clients fetch
   * whole list collections without chunks, at about 40 per entry (trackma, jerry and seanime's
   * collection queries cost 106,000-125,000 for a 3,000-entry list, served in 130-300 ms on the
   * development machine), so this lets a 5,000-entry list through whole and stops a request at
   * roughly half a second of work; the standard introspection query costs about 8,000. 0 turns both
   * checks off.
   */
  readonly maxQueryCost: number
  /**
   * Most root fields (aliases included) a GraphQL operation may select: each is a lookup of its own,
   * which the cost of its fields does not reflect (2,000 aliased `Page { pageInfo { total } }` are 2,000
   * count queries). MAX_ROOT_FIELDS. Default 50: real clients' operations select one; batch lookups
   * alias a few dozen `Media(id:)`. 0 turns the check off.
   */
  readonly maxRootFields: number
  /**
   * Most aliased fields a GraphQL operation may run, at any depth (a fragment counts once per spread).
   * MAX_ALIASES. Default 100: real clients' operations use at most 8. 0 turns the check off.
   */
  readonly maxAliases: number
  /**
   * Most characters of text one GraphQL request may have rendered as HTML (`about(asHtml: true)`,
   * `description(asHtml: true)`), counted by the length of each text rendered; a text already rendered
   * (cached) costs nothing. MAX_RENDERED_CHARS. Default 100000: twenty of the longest abouts (5,000
   * characters), a page of 50 ordinary ones; about 0.1 s of one core for the costliest markdown
   * (thousands of one-line paragraphs), 20 ms for ordinary text (bench/markdown.mjs). Past it those
   * fields answer a 400. 0 turns the check off.
   */
  readonly maxRenderedChars: number
  /**
   * The Bearer token /metrics requires (ops/metrics-routes.ts). METRICS_TOKEN, at least 16 characters.
   * Default unset: /metrics is then served only to scrapers on this machine (loopback, not proxied).
   */
  readonly metricsToken: string | null
  /**
   * Which proxies' X-Forwarded-For / -Proto / -Host to believe, so that request.ip (which the login
   * throttle, the GraphQL rate limit and the logs use) is the client's, not the proxy's; likewise
   * request.protocol, though Kiroku builds every URL it hands out from PUBLIC_URL, never from headers.
   * TRUST_PROXY: a comma-separated list of the proxies' addresses and CIDRs (`127.0.0.1,10.0.0.0/8`;
   * also `loopback`, `linklocal`, `uniquelocal`), or `true` (every hop) or a number of hops (1: the
   * address the nearest proxy saw), those two only when nothing but the proxy can reach Kiroku.
   * Default off (`false`): the headers are ignored, since anyone can send them.
   */
  readonly trustProxy: boolean | number | string[]
  /**
   * Redis, for what several instances of one installation share: GraphQL rate-limit counts, the login
   * and device-code throttles, and notices of revoked tokens and rotated signing keys. REDIS_URL
   * (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS). Default none: counts stay in
   * each instance's memory, revocations reach other instances within TOKEN_CHECK_CACHE_SECONDS and
   * rotated keys within a minute. While Redis is unreachable Kiroku keeps serving as if it had none.
   */
  readonly redisUrl: string | null
  /**
   * Prefix of every Redis key and channel Kiroku uses, so that installations can share one Redis.
   * REDIS_PREFIX. Default `kiroku:`.
   */
  readonly redisPrefix: string
  /**
   * How long an instance trusts its last look at an access token's row (not revoked) before reading
   * it again, in seconds, while it cannot be told of revocations at once (no REDIS_URL, or Redis
   * unreachable): a token revoked on another instance is refused everywhere within this time; the
   * instance that revoked it refuses it at once. TOKEN_CHECK_CACHE_SECONDS. Default 1; 0 reads the
   * row on every request (and turns the cache off with Redis too). The same bound holds for the
   * accounts kept in memory (accounts/user-cache.ts).
   */
  readonly tokenCheckCacheSeconds: number
  /**
   * How hard SQLite makes a commit durable (storage/db.ts). SQLITE_SYNCHRONOUS: `normal` (default) loses
   * no commit when the process dies, but the last commits may roll back on power loss or an operating
   * system crash; `full` also survives those, at an fsync per commit. PostgreSQL ignores it.
   */
  readonly sqliteSynchronous: SqliteSynchronous
  /**
   * How often this instance looks for episodes that have aired, to notify the users with the anime on
   * their CURRENT or PLANNING list (social/airing-notifier.ts), in seconds. AIRING_NOTIFY_INTERVAL_SECONDS.
   * Default 60; 0 turns the notifier off on this instance. Every instance may run it: each episode is
   * announced once, by the instance that claims it first.
   */
  readonly airingNotifyIntervalSeconds: number
}

/** Flags as the CLI parsed them; anything left undefined falls back to the environment, then the default. */
export interface ConfigFlags {
  port?: number | string
  host?: string
  database?: string
  publicUrl?: string
  demo?: boolean
}

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const
export type LogFormatSetting = (typeof LOG_FORMATS)[number]

export const DEFAULT_DATABASE_URL = 'sqlite:./data/kiroku.db'
export const ONE_YEAR_SECONDS = 31_536_000

export class ConfigError extends KirokuError {
  readonly code = 'invalid_config'
}

/**
 * The configuration with the port the server will really listen on: a public URL that named port 0
 * (the default one does when PORT is 0) names that port instead. A new frozen object; `config` is unchanged.
 */
export function withPort(config: Config, port: number): Config {
  const publicUrl = new URL(config.publicUrl)
  if (publicUrl.port === '0') publicUrl.port = String(port)
  return Object.freeze({ ...config, port, publicUrl: publicUrl.href.replace(/\/+$/, '') })
}

/** Builds the configuration from flags and an environment (process.env by default), validating every value. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(flags.port ?? env.PORT ?? 8080)
  const publicUrl = parsePublicUrl(flags.publicUrl ?? env.PUBLIC_URL ?? `http://localhost:${port}`)
  // Read-only once built: every module reads the same values for the life of the server.
  return Object.freeze({
    port,
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    databaseUrl: flags.database ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    publicUrl,
    accessTokenTtlSeconds: parsePositiveInt('ACCESS_TOKEN_TTL', env.ACCESS_TOKEN_TTL ?? ONE_YEAR_SECONDS),
    sessionTtlSeconds: parsePositiveInt('SESSION_TTL', env.SESSION_TTL ?? 1_209_600),
    refreshTokenTtlSeconds: parsePositiveInt('REFRESH_TOKEN_TTL', env.REFRESH_TOKEN_TTL ?? ONE_YEAR_SECONDS),
    pkcePlainAllowed: parseBoolean('PKCE_ALLOW_PLAIN', env.PKCE_ALLOW_PLAIN ?? '0'),
    demo: flags.demo ?? false,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: parseLogFormat(env.LOG_FORMAT ?? 'auto'),
    rateLimitPerMinute: parseNonNegativeInt('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE ?? 90),
    postingLimitPerMinute: parseNonNegativeInt('POSTING_LIMIT_PER_MINUTE', env.POSTING_LIMIT_PER_MINUTE ?? 10),
    maxQueryDepth: parseNonNegativeInt('MAX_QUERY_DEPTH', env.MAX_QUERY_DEPTH ?? 20),
    maxQueryCost: parseNonNegativeInt('MAX_QUERY_COST', env.MAX_QUERY_COST ?? 250_000),
    maxRootFields: parseNonNegativeInt('MAX_ROOT_FIELDS', env.MAX_ROOT_FIELDS ?? 50),
    maxAliases: parseNonNegativeInt('MAX_ALIASES', env.MAX_ALIASES ?? 100),
    maxRenderedChars: parseNonNegativeInt('MAX_RENDERED_CHARS', env.MAX_RENDERED_CHARS ?? 100_000),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    trustProxy: parseTrustProxy(env.TRUST_PROXY ?? ''),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    redisPrefix: env.REDIS_PREFIX ?? 'kiroku:',
    tokenCheckCacheSeconds: parseNonNegativeInt('TOKEN_CHECK_CACHE_SECONDS', env.TOKEN_CHECK_CACHE_SECONDS ?? 1),
    sqliteSynchronous: parseSqliteSynchronous(env.SQLITE_SYNCHRONOUS ?? 'normal'),
    airingNotifyIntervalSeconds: parseNonNegativeInt('AIRING_NOTIFY_INTERVAL_SECONDS', env.AIRING_NOTIFY_INTERVAL_SECONDS ?? 60),
  })
}

function parsePort(value: number | string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`invalid port "${value}": expected an integer from 0 to 65535`)
  }
  return port
}

function parsePositiveInt(name: string, value: number | string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError(`invalid ${name} "${value}": expected a positive integer`)
  return n
}

function parseBoolean(name: string, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true
  if (/^(0|false|no|off|)$/i.test(value)) return false
  throw new ConfigError(`invalid ${name} "${value}": expected 1 or 0`)
}

function parseNonNegativeInt(name: string, value: number | string): number {
  const n = typeof value === 'string' && value.trim() === '' ? NaN : Number(value)
  if (!Number.isSafeInteger(n) || n < 0) throw new ConfigError(`invalid ${name} "${value}": expected a whole number, 0 or more`)
  return n
}

function parseLogFormat(value: string): LogFormatSetting {
  const format = value.trim().toLowerCase()
  if (format === '') return 'auto'
  if ((LOG_FORMATS as readonly string[]).includes(format)) return format as LogFormatSetting
  throw new ConfigError(`invalid LOG_FORMAT "${value}": expected auto, json or pretty`)
}

function parseSqliteSynchronous(value: string): SqliteSynchronous {
  const mode = value.toLowerCase()
  if (mode === 'normal' || mode === 'full') return mode
  throw new ConfigError(`invalid SQLITE_SYNCHRONOUS "${value}": expected normal or full`)
}

function parseMetricsToken(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  // A short token could be guessed by anyone who can reach /metrics.
  if (value.length < 16 || /\s/.test(value)) throw new ConfigError('invalid METRICS_TOKEN: expected at least 16 characters, no spaces')
  return value
}

// proxy-addr's names for address ranges, as Fastify's trustProxy accepts them.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function parseTrustProxy(value: string): boolean | number | string[] {
  const trimmed = value.trim()
  if (/^(|false|no|off|0)$/i.test(trimmed)) return false
  if (/^(true|yes|on)$/i.test(trimmed)) return true
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed)
    if (!Number.isSafeInteger(hops)) throw new ConfigError(`invalid TRUST_PROXY "${value}": too many hops`)
    return hops
  }
  const entries = trimmed.split(',').map((entry) => entry.trim())
  for (const entry of entries) {
    if (!isProxyAddress(entry)) {
      throw new ConfigError(`invalid TRUST_PROXY "${value}": "${entry}" is not an IP address or CIDR; expected true, a hop count, or a comma-separated list of addresses`)
    }
  }
  return entries
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true
  const [address = '', prefix, extra] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || extra !== undefined) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)
}

function parseRedisUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`invalid REDIS_URL "${redactPassword(value)}": expected redis://host:port or rediss://host:port`)
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`invalid REDIS_URL "${redactPassword(value)}": expected redis:// or rediss://`)
  }
  return value
}

// A Redis URL may carry a password: error messages show its shape, never the secret.
function redactPassword(value: string): string {
  return value.replace(/\/\/([^/@]*):[^/@]*@/, '//$1:***@')
}

function parsePublicUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`invalid public URL "${value}": expected an absolute http(s) URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`invalid public URL "${value}": expected http or https`)
  }
  if (url.search || url.hash) throw new ConfigError(`invalid public URL "${value}": no query or fragment allowed`)
  // Stored without a trailing slash so that `${publicUrl}/path` is always well-formed.
  return url.href.replace(/\/+$/, '')
}
