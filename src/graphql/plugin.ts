/** Mounts the GraphQL API at POST /graphql (and POST /, AniList's graphql host root, via server.ts). */
import type { FastifyInstance } from 'fastify'
import mercurius from 'mercurius'
import type { AppContext } from '../app-context.js'
import { authenticate, type GraphqlContext } from './context.js'
import { formatErrors } from './errors.js'
import { createLoaders } from './loaders.js'
import { resolvers } from './resolvers/index.js'
import { loadSchemaSdl } from './schema.js'

export const GRAPHQL_PATH = '/graphql'

export async function registerGraphql(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // AniList's responses put `data` before `errors`; some clients' tests compare bodies as text.
  app.addHook('preSerialization', async (_request, _reply, payload: unknown) => {
    if (payload && typeof payload === 'object' && 'errors' in payload) {
      const { data = null, errors, ...rest } = payload as { data?: unknown; errors: unknown }
      return { data, errors, ...rest }
    }
    return payload
  })
  await app.register(mercurius, {
    schema: loadSchemaSdl(),
    resolvers: resolvers as never,
    path: GRAPHQL_PATH,
    graphiql: false,
    // Compile a query to JavaScript once it has been seen twice; later runs skip graphql-js's interpreter.
    jit: 1,
    context: async (request): Promise<GraphqlContext> => ({ kiroku: ctx, auth: await authenticate(ctx, request), loaders: createLoaders(ctx.db) }),
    errorFormatter: formatErrors as never,
  })
}
