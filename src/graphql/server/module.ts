/**
 * A GraphQL module: one domain's part of the schema. It brings its SDL (its types, and `extend type`
 * for the fields it adds to others': Query, Mutation, Page, a Media's list entry…), the resolvers of
 * those fields, the counters of the Page fields it adds, and the size rules of the lists it returns
 * for the cost model. modules/index.ts lists the modules in order; composeModules joins them into the
 * one schema the server serves. Adding a domain touches its own folder and one line of that list.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GraphQLFieldResolver, GraphQLResolveInfo, ValueNode } from 'graphql'
import type { GraphqlContext } from './context.js'
import { InvalidTokenRefusal } from './errors.js'
import { PAGE_OPENER, type ListRule, type ListSizes, type ScopeOpener } from './list-sizes.js'
import { PageRequest, type PageCounter } from './page-request.js'
import type { FieldArgs } from '../generated/schema-types.js'
import type { PageInfoValues } from '../../query/paging.js'

type PageInfoSource = PageRequest | PageInfoValues

/** A field resolver of Kiroku's schema. */
export type FieldResolver = GraphQLFieldResolver<any, GraphqlContext, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The resolvers of one object type of the schema, typed against it: only the type's own fields, each
 * with its arguments as the schema declares them (generated/schema-types.ts). `Parent` is the value
 * the type resolves from.
 */
export type TypeResolvers<T extends keyof FieldArgs, Parent> = {
  [F in keyof FieldArgs[T]]?: (parent: Parent, args: FieldArgs[T][F], ctx: GraphqlContext, info: GraphQLResolveInfo) => unknown
}

/** Field resolvers by type name, then field name. */
export type ResolverMap = Record<string, Record<string, FieldResolver>>

/** How a custom scalar is read and written, in the form Mercurius copies onto the schema's scalars. */
export interface ScalarCodec {
  serialize(value: unknown): unknown
  parseValue(value: unknown): unknown
  parseLiteral(node: ValueNode): unknown
}

export interface GraphqlModule {
  /** The domain's name, for error messages. */
  name: string
  /** The module's SDL. */
  sdl: string
  resolvers: ResolverMap
  /** The custom scalars this module defines. */
  scalars?: Record<string, ScalarCodec>
  /** For each list field this module adds to Page: how many items it matches in all (pageInfo.total). */
  pageCounters?: Record<string, PageCounter>
  /** The size rules of the list fields of this module's types, by `Type.field` (server/list-sizes.ts). */
  listRules?: Record<string, ListRule>
  /** The fields of this module that open a size scope for the lists below them, by `Type.field`. */
  scopeOpeners?: Record<string, ScopeOpener>
}

/** Every module joined: what the GraphQL plugin serves and the cost model reads. */
export interface ComposedSchema {
  sdl: string
  /** Field resolvers and scalar codecs, as Mercurius takes them. */
  resolvers: Record<string, Record<string, FieldResolver> | ScalarCodec>
  listSizes: ListSizes
}

/** The SDL file beside a module's index (`schema.graphql`), read once when the module loads. */
export function readModuleSdl(moduleUrl: string, file = 'schema.graphql'): string {
  return fs.readFileSync(path.join(path.dirname(fileURLToPath(moduleUrl)), file), 'utf8').trim()
}

/** One module's resolver maps joined (a module may keep its types' resolvers in several files); a field given twice throws. */
export function mergeResolvers(...maps: ReadonlyArray<Record<string, Record<string, unknown>>>): ResolverMap {
  const out: ResolverMap = {}
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const into = (out[type] ??= {})
      for (const [field, resolve] of Object.entries(fields)) {
        if (Object.hasOwn(into, field)) throw new Error(`GraphQL resolvers: ${type}.${field} is given twice`)
        into[field] = resolve as FieldResolver
      }
    }
  }
  return out
}

const ROOT_TYPES = new Set(['Query', 'Mutation'])

/**
 * A request that carried a token which failed verification never reaches a root field (the request
 * checks refuse it first); should one slip through, each root field answers AniList's "Invalid token"
 * rather than serving it anonymously.
 */
function guarded(resolve: FieldResolver): FieldResolver {
  return (root, args, ctx, info) => {
    if (ctx.auth.state === 'invalid') throw new InvalidTokenRefusal()
    return resolve(root, args, ctx, info)
  }
}

function merged<V>(modules: readonly GraphqlModule[], pick: (m: GraphqlModule) => Record<string, V> | undefined, what: string): Record<string, V> {
  const out: Record<string, V> = {}
  for (const module of modules) {
    for (const [key, value] of Object.entries(pick(module) ?? {})) {
      if (Object.hasOwn(out, key)) throw new Error(`GraphQL modules: ${what} ${key} is given twice (again by ${module.name})`)
      out[key] = value
    }
  }
  return out
}

/**
 * Joins the modules into one schema. A field resolved by two modules is a mistake and throws. The
 * server adds `Query.Page` (a PageRequest that counts with the modules' page counters) and PageInfo.
 */
export function composeModules(modules: readonly GraphqlModule[]): ComposedSchema {
  const pageCounters = merged(modules, (m) => m.pageCounters, 'the Page counter of')
  const server: GraphqlModule = {
    name: 'server',
    sdl: '',
    resolvers: {
      Query: {
        Page: (_root: unknown, args: { page?: number | null; perPage?: number | null }, _ctx: GraphqlContext, info: GraphQLResolveInfo) => new PageRequest(args.page, args.perPage, info, pageCounters),
      },
      Page: { pageInfo: (page: PageRequest) => page },
      // A Page's info is counted when asked for; a connection's (a work's relations) is known already.
      PageInfo: {
        total: (page: PageInfoSource, _args: unknown, ctx: GraphqlContext) => (page instanceof PageRequest ? page.countAll(ctx) : page.total),
        perPage: (page: PageInfoSource) => page.perPage,
        currentPage: (page: PageInfoSource) => (page instanceof PageRequest ? page.page : page.currentPage),
        lastPage: (page: PageInfoSource, _args: unknown, ctx: GraphqlContext) => (page instanceof PageRequest ? page.lastPage(ctx) : page.lastPage),
        hasNextPage: (page: PageInfoSource, _args: unknown, ctx: GraphqlContext) => (page instanceof PageRequest ? page.hasNextPage(ctx) : page.hasNextPage),
      },
    },
  }
  const all = [server, ...modules]
  const resolvers: ResolverMap = {}
  for (const module of all) {
    for (const [type, value] of Object.entries(module.resolvers)) {
      const fields = (resolvers[type] ??= {})
      for (const [field, resolve] of Object.entries(value)) {
        if (Object.hasOwn(fields, field)) throw new Error(`GraphQL modules: ${type}.${field} is resolved twice (again by ${module.name})`)
        fields[field] = ROOT_TYPES.has(type) ? guarded(resolve) : resolve
      }
    }
  }
  return {
    sdl: modules.map((m) => m.sdl).join('\n\n') + '\n',
    resolvers: { ...resolvers, ...merged(modules, (m) => m.scalars, 'the scalar') },
    listSizes: { lists: merged(modules, (m) => m.listRules, 'the list rule of'), openers: { ...PAGE_OPENER, ...merged(modules, (m) => m.scopeOpeners, 'the scope opener of') } },
  }
}
