/** Kiroku's GraphQL schema: every module of modules/index.ts composed, once per process. */
import { composeModules, type ComposedSchema } from './server/module.js'
import { GRAPHQL_MODULES } from './modules/index.js'

let composed: ComposedSchema | undefined

/** The schema the server serves: SDL, resolvers and the list size rules of the cost model. */
export function kirokuSchema(): ComposedSchema {
  composed ??= composeModules(GRAPHQL_MODULES)
  return composed
}

/** Kiroku's schema as SDL (for `kiroku schema`, code generators and tests). */
export function loadSchemaSdl(): string {
  return kirokuSchema().sdl
}
