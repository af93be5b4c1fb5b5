/**
 * buildServer(config): opens the database, applies migrations, loads signing keys and composes the
 * HTTP modules. It holds no logic of its own.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyStatic from '@fastify/static'
import path from 'node:path'
import type { Config } from './config.js'
import type { AppContext } from './app-context.js'
import { openDatabase, type Database } from '../storage/db.js'
import { migrateToLatest } from '../storage/migrate.js'
import { systemClock, type Clock } from '../util/clock.js'
import { KeyStore, type SigningKeyPair } from '../oauth/keys.js'
import { AccessTokens, GRANT_TYPES } from '../oauth/tokens.js'
import { UserCache } from '../accounts/user-cache.js'
import { Views, VIEWS_DIR } from '../web/views.js'
import { registerSecurityHeaders } from '../web/security-headers.js'
import { registerJsonBodyParser } from '../web/json-body.js'
import { registerSessions } from '../accounts/session-cookies.js'
import { AnonymousForms } from '../web/anonymous-forms.js'
import { serverSecret } from '../web/server-secrets.js'
import { registerPageErrors } from '../web/error-pages.js'
import { MAX_SIGNUPS_PER_ADDRESS, registerAccountRoutes, SIGNUP_WINDOW_SECONDS } from '../accounts/routes.js'
import { FAILED_LOGIN_WINDOW_SECONDS, LoginThrottle, MAX_FAILED_LOGINS } from '../accounts/login-throttle.js'
import { deleteExpiredSessions } from '../accounts/login-sessions.js'
import { DailyFiguresJob } from '../lists/figures/daily-job.js'
import { AiringNotifier } from '../social/airing-notifier.js'
import { registerAuthorizeRoutes } from '../oauth/authorize/routes.js'
import { clientOfAuthorizeLink } from '../oauth/authorize/asking-app.js'
import { revokeExplorerTokens } from '../oauth/explorer-tokens.js'
import { registerPinRoutes } from '../oauth/pin-routes.js'
import { registerDeveloperRoutes } from '../oauth/developer-routes.js'
import { registerOAuthApiErrors } from '../oauth/api-errors.js'
import { registerTokenRoute } from '../oauth/token/routes.js'
import { registerRevokeRoute } from '../oauth/revoke-routes.js'
import { registerIntrospectRoute } from '../oauth/introspect-routes.js'
import { registerMetadataRoutes } from '../oauth/metadata-routes.js'
import { MAX_WRONG_USER_CODES, registerActivateRoutes, registerDeviceAuthorizationRoute, WRONG_USER_CODE_WINDOW_SECONDS } from '../oauth/device-routes.js'
import { registerConnectedAppsRoutes } from '../oauth/connected-apps-routes.js'
import { deleteExpiredCodes } from '../oauth/codes.js'
import { registerGraphql } from '../graphql/server/plugin.js'
import { kirokuSchema } from '../graphql/schema.js'
import { rewriteToGraphql } from '../graphql/server/rewrite-url.js'
import { registerPlaceholderRoutes } from '../site/placeholder-routes.js'
import { registerSiteRoutes } from '../site/routes.js'
import { Metrics } from '../ops/metrics.js'
import { registerMetricsRoute, registerRequestMetrics } from '../ops/metrics-routes.js'
import { registerHealthRoutes } from '../ops/health-routes.js'
import { registerGracefulClose } from '../ops/graceful-close.js'
import { fastifyTrustProxy } from '../ops/trust-proxy.js'
import { redactUrlSecrets } from '../ops/log-redaction.js'
import { SharedRedis } from '../cluster/redis.js'
import { recordListActivity } from '../social/list-activity.js'
import { FORUM_LIKEABLE_KINDS } from '../community/forum/forum-likes.js'
import { postingLimitOf } from './posting-limit.js'
import { sharedFailureThrottle } from '../cluster/failure-throttles.js'
import { TextRenderer } from '../markdown/text-renderer.js'

export interface BuildOptions {
  /** Replaces the system clock (tests move time to check expiry). */
  clock?: Clock
  /** Runs once the server has closed and released its database (tests drop their schema here). */
  afterClose?: () => Promise<void>
  /** Makes the first signing key of an empty database (tests reuse one pair: RSA generation is slow). */
  firstKeyPair?: () => Promise<SigningKeyPair>
  /** Where log lines go instead of standard output (tests read what would be logged; serve's pretty logs). */
  logStream?: { write(line: string): void }
  /**
   * One line per request when it completes (`GET /graphiql 200 3 ms`) instead of Fastify's two JSON
   * records (incoming, completed): for people reading logs at a terminal (app/log-output.ts).
   */
  conciseRequestLogs?: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    kiroku: AppContext
  }
}

// The name of the key that signs anonymous forms' CSRF cookies and tokens, in server_secrets.
const ANONYMOUS_FORMS_SECRET = 'anonymous-forms'
// Sessions past their expiry are removed this often.
const SESSION_SWEEP_MS = 60 * 60 * 1000
// Signing keys are re-read this often, so a key rotated elsewhere starts signing here too (with Redis,
// rotations are announced and this only catches one announced while Redis was away).
const KEY_RELOAD_MS = 60 * 1000

/**
 * Request logs for people (BuildOptions.conciseRequestLogs): nothing when a request comes in, one line
 * when it is answered, at the request's own log level (a route may quieten its probes), its URL
 * redacted as in the JSON logs. A failed request is still logged as an error, with its error.
 */
class ConciseRequestLogs extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = `${request.method} ${redactUrlSecrets(request.url)} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`
    if (error) reply.log.error({ err: error, responseTime: reply.elapsedTime }, line)
    else reply.log.info({ responseTime: reply.elapsedTime }, line)
  }
}

/**
 * Applies pending migrations before serving. On PostgreSQL they run on a connection of their own
 * without the request pool's statement timeout: a migration (an index on a large table) may rightly
 * take longer than a request ever should.
 */
async function migrateOnStart(url: string, database: Database): Promise<void> {
  if (database.dialect !== 'postgres') {
    await migrateToLatest(database)
    return
  }
  const migrations = openDatabase(url, { postgresQueryTimeoutMs: 0 })
  try {
    await migrateToLatest(migrations)
  } finally {
    await migrations.close()
  }
}

export async function buildServer(given: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  // Read-only from here on: every module reads the same values for the life of the server.
  const config = Object.isFrozen(given) ? given : Object.freeze({ ...given })
  const database = openDatabase(config.databaseUrl, { sqliteSynchronous: config.sqliteSynchronous })
  const clock = options.clock ?? systemClock
  let app: FastifyInstance | undefined
  let redis: SharedRedis | null = null
  try {
    await migrateOnStart(config.databaseUrl, database)
    redis = config.redisUrl ? await SharedRedis.connect(config.redisUrl, config.redisPrefix) : null
    const broadcast = redis?.broadcast ?? null
    const keys = new KeyStore(database.db, clock, config.accessTokenTtlSeconds, broadcast, options.firstKeyPair)
    await keys.init()
    // One key for every instance on the database, kept across restarts (web/anonymous-forms.ts).
    const anonymousForms = new AnonymousForms(await serverSecret(database.db, clock, ANONYMOUS_FORMS_SECRET), clock)
    const ctx: AppContext = {
      config,
      database,
      db: database.db,
      clock,
      keys,
      tokens: new AccessTokens(database.db, clock, keys, config.accessTokenTtlSeconds, { broadcast, checkCacheSeconds: config.tokenCheckCacheSeconds }),
      users: new UserCache(database.db, { broadcast, trustSeconds: config.tokenCheckCacheSeconds }),
      views: new Views(),
      metrics: new Metrics(GRANT_TYPES),
      redis,
      textRenderer: new TextRenderer({ publicUrl: config.publicUrl }),
      entryListeners: [recordListActivity],
      postingLimit: postingLimitOf(config, redis, clock),
      likeableKinds: FORUM_LIKEABLE_KINDS,
    }

    app = Fastify({
      logger: {
        level: config.logLevel,
        ...(options.logStream ? { stream: options.logStream } : {}),
        // Tokens travel in headers and codes in query strings: never log either.
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        serializers: { req: (req) => ({ method: req.method, url: redactUrlSecrets(req.url), remoteAddress: req.ip }) },
      },
      ...(options.conciseRequestLogs ? { logController: new ConciseRequestLogs() } : {}),
      // AniList serves GraphQL at the root of its graphql host: POST / and GET /?query= are /graphql here.
      rewriteUrl: (req) => rewriteToGraphql(req.method, req.url!),
      bodyLimit: 1024 * 1024,
      // X-Forwarded-* are believed only from the proxies TRUST_PROXY names (app/config.ts).
      trustProxy: fastifyTrustProxy(config.trustProxy),
    })
    app.decorate('kiroku', ctx)
    redis?.useLog(app.log)
    const sweep = setInterval(() => {
      deleteExpiredSessions(ctx.db, clock).catch((err) => app!.log.warn({ err }, 'session sweep failed'))
      deleteExpiredCodes(ctx.db, clock).catch((err) => app!.log.warn({ err }, 'code sweep failed'))
    }, SESSION_SWEEP_MS)
    sweep.unref()
    const keyReload = setInterval(() => {
      keys.reload().catch((err) => app!.log.warn({ err }, 'signing key reload failed'))
    }, KEY_RELOAD_MS)
    keyReload.unref()
    const figuresJob = new DailyFiguresJob(ctx.db, clock, (err) => app!.log.warn({ err }, 'daily figures pass failed'))
    figuresJob.start()
    const airingNotifier = new AiringNotifier(ctx.db, clock, config.airingNotifyIntervalSeconds, (err) => app!.log.warn({ err }, 'airing notifications failed'))
    airingNotifier.start()
    // Timers stop first, so that none fires against a pool that is closing.
    app.addHook('onClose', async () => {
      clearInterval(sweep)
      clearInterval(keyReload)
      await figuresJob.stop()
      await airingNotifier.stop()
      await redis?.close()
      await database.close()
      await options.afterClose?.()
    })

    registerSecurityHeaders(app)
    registerJsonBodyParser(app)
    registerGracefulClose(app)
    registerRequestMetrics(app, ctx.metrics)
    registerHealthRoutes(app, ctx)
    registerMetricsRoute(app, ctx)
    await app.register(fastifyStatic, { root: path.join(VIEWS_DIR, 'static'), prefix: '/static/', maxAge: '1h' })
    await app.register(async (api) => registerGraphql(api, ctx, { ...kirokuSchema(), trusted: true }))
    registerPlaceholderRoutes(app, ctx)
    // The OAuth JSON endpoints: form or JSON bodies, RFC 6749 error bodies, no cookies.
    await app.register(async (oauth) => {
      await oauth.register(fastifyFormbody)
      registerOAuthApiErrors(oauth)
      registerTokenRoute(oauth, ctx)
      registerRevokeRoute(oauth, ctx)
      registerIntrospectRoute(oauth, ctx)
      registerDeviceAuthorizationRoute(oauth, ctx)
      registerMetadataRoutes(oauth, ctx)
    })
    await app.register(async (pages) => {
      await pages.register(fastifyCookie)
      await pages.register(fastifyFormbody)
      const sessions = registerSessions(pages, ctx, anonymousForms)
      registerPageErrors(pages, ctx)
      registerAccountRoutes(
        pages,
        ctx,
        sessions,
        new LoginThrottle(sharedFailureThrottle(redis, 'login', MAX_FAILED_LOGINS, FAILED_LOGIN_WINDOW_SECONDS)),
        sharedFailureThrottle(redis, 'signup', MAX_SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW_SECONDS),
        {
          appAsking: async (next) => (await clientOfAuthorizeLink(ctx.db, next))?.name ?? null,
          loggedOut: (userId) => revokeExplorerTokens(ctx, userId),
        },
      )
      registerAuthorizeRoutes(pages, ctx, sessions)
      registerPinRoutes(pages, ctx)
      registerDeveloperRoutes(pages, ctx, sessions)
      registerConnectedAppsRoutes(pages, ctx, sessions)
      registerActivateRoutes(pages, ctx, sessions, sharedFailureThrottle(redis, 'activate', MAX_WRONG_USER_CODES, WRONG_USER_CODE_WINDOW_SECONDS))
      registerSiteRoutes(pages, ctx, sessions)
    })

    await app.ready()
    return app
  } catch (error) {
    if (app) await app.close().catch(() => {})
    else {
      await redis?.close()
      await database.close().catch(() => {})
    }
    throw error
  }
}
