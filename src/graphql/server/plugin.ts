/** Mounts the GraphQL API at /graphql (POST, and GET for queries; / too via app/build-server.ts) behind the rate limit and request checks. */
import type { FastifyInstance } from 'fastify'
import mercurius from 'mercurius'
import { buildASTSchema, parse } from 'graphql'
import type { AppContext } from '../../app/app-context.js'
import { authenticateOnce, type Auth, type GraphqlContext } from './context.js'
import { formatErrors } from './errors.js'
import { MemoryRateLimitStore, RateLimiter } from './rate-limit.js'
import { RateLimitKeys, registerRateLimit } from './rate-limit-hook.js'
import { RedisRateLimitStore } from './redis-rate-limit-store.js'
import { registerRequestChecks } from './request-checks.js'
import { RequestLoaders } from './loaders.js'
import { RenderBudget } from '../../markdown/render-budget.js'
import { PAGE_OPENER, type ListSizes } from './list-sizes.js'
import { meterLists } from './cost-meter.js'

export const GRAPHQL_PATH = '/graphql'
const ANONYMOUS: Auth = { state: 'anonymous' }

/** What the endpoint serves: Kiroku's schema (graphql/schema.ts), or a small one a test brings to exercise the plumbing. */
export interface SchemaSource {
  sdl: string
  resolvers: Record<string, unknown>
  /** The size rules of the schema's list fields for the cost model; only Page's without. */
  listSizes?: ListSizes
  /** An SDL known to be valid (Kiroku's own, checked by its tests): not validated again at start-up. */
  trusted?: boolean
}

/** Registers the GraphQL endpoint serving `source` on `app`. */
export async function registerGraphql(app: FastifyInstance, ctx: AppContext, source: SchemaSource): Promise<void> {
  const authenticate = authenticateOnce(ctx)
  if (ctx.config.rateLimitPerMinute > 0) {
    const store = ctx.redis ? new RedisRateLimitStore(ctx.redis) : new MemoryRateLimitStore()
    registerRateLimit(app, new RateLimiter(store, ctx.config.rateLimitPerMinute, ctx.clock), new RateLimitKeys(authenticate), () => ctx.metrics.requestRateLimited())
  }
  // The credential is checked in a hook, so that a failure to check it (the database gone) reaches
  // Mercurius' error handler as an ordinary error and is answered in AniList's shape (a 503). That
  // handler builds a context again to format the error: there, `auth` must not fail a second time.
  app.addHook('onRequest', async (request) => void (await authenticate(request)))
  const meterOf = registerRequestChecks(app, () => app.graphql.schema, authenticate, {
    maxDepth: ctx.config.maxQueryDepth,
    maxCost: ctx.config.maxQueryCost,
    maxRootFields: ctx.config.maxRootFields,
    maxAliases: ctx.config.maxAliases,
    listSizes: source.listSizes ?? { lists: {}, openers: PAGE_OPENER },
  })
  // AniList's responses put `data` before `errors`; some clients' tests compare bodies as text.
  app.addHook('preSerialization', async (_request, _reply, payload: unknown) => {
    if (payload && typeof payload === 'object' && 'errors' in payload) {
      const { data = null, errors, ...rest } = payload as { data?: unknown; errors: unknown }
      return { data, errors, ...rest }
    }
    return payload
  })
  // Built here once, for Mercurius and the cost meter alike. Checking that an SDL is valid costs a
  // tenth of a start-up; Kiroku's own is checked by its tests (test/graphql/modules.test.ts), so it is
  // trusted here. A schema a test brings is checked as Mercurius would.
  // Parsed without locations: every type and field keeps its AST node, and with locations those would
  // hold the whole token list of the SDL (a megabyte) for the life of the server.
  const schema = buildASTSchema(parse(source.sdl, { noLocation: true }), source.trusted ? { assumeValidSDL: true, assumeValid: true } : {})
  await app.register(mercurius, {
    schema,
    // Every list of objects is charged by its real length as it resolves (cost-meter.ts).
    resolvers: meterLists(schema, source.resolvers) as never,
    path: GRAPHQL_PATH,
    graphiql: false,
    // Compile a query to JavaScript once it has been seen twice; later runs skip graphql-js's interpreter.
    jit: 1,
    context: async (request): Promise<GraphqlContext> => ({
      kiroku: ctx,
      auth: await authenticate(request).catch(() => ANONYMOUS),
      loaders: new RequestLoaders(ctx.db),
      cost: meterOf(request),
      renderBudget: new RenderBudget(ctx.config.maxRenderedChars),
    }),
    errorFormatter: formatErrors as never,
  })
}
