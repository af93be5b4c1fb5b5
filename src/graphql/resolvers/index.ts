/**
 * All resolvers, merged, with every root field guarded: a request that carried a token which failed
 * verification gets AniList's "Invalid token" on each root field instead of being served anonymously.
 * The request checks (invalid-token.ts) refuse such a request before it runs; this guard is the second
 * line, should any path reach execution without them.
 */
import type { GraphQLFieldResolver } from 'graphql'
import type { GraphqlContext } from '../context.js'
import { InvalidTokenRefusal } from '../errors.js'
import { userResolvers } from './user.js'
import { mediaResolvers } from './media.js'
import { pageResolvers } from './page.js'
import { favouriteResolvers } from './favourites.js'
import { mediaListResolvers } from './media-list.js'
import { mediaListCollectionResolvers } from './media-list-collection.js'
import { mediaListMutationResolvers } from './media-list-mutations.js'
import { userStatisticsResolvers } from './user-statistics.js'
import { scalarResolvers } from '../scalars.js'

type ResolverMap = Record<string, Record<string, GraphQLFieldResolver<unknown, GraphqlContext>>>

const ROOT_TYPES = new Set(['Query', 'Mutation'])

function merge(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {}
  for (const map of maps) for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...fields }
  return out
}

function guardRootFields(map: ResolverMap): ResolverMap {
  const out: ResolverMap = {}
  for (const [type, fields] of Object.entries(map)) {
    if (!ROOT_TYPES.has(type)) {
      out[type] = fields
      continue
    }
    out[type] = Object.fromEntries(
      Object.entries(fields).map(([name, resolve]) => [
        name,
        (root: unknown, args: Record<string, unknown>, ctx: GraphqlContext, info: Parameters<GraphQLFieldResolver<unknown, GraphqlContext>>[3]) => {
          if (ctx.auth.state === 'invalid') throw new InvalidTokenRefusal()
          return resolve(root, args, ctx, info)
        },
      ]),
    )
  }
  return out
}

// Scalars are not field maps: they join the resolvers after the root fields are guarded.
export const resolvers = { ...guardRootFields(merge(
    userResolvers as ResolverMap,
    mediaResolvers as ResolverMap,
    pageResolvers as ResolverMap,
    mediaListResolvers as ResolverMap,
    mediaListCollectionResolvers as ResolverMap,
    mediaListMutationResolvers as ResolverMap,
    userStatisticsResolvers as ResolverMap,
    favouriteResolvers as ResolverMap,
  )), ...scalarResolvers }
