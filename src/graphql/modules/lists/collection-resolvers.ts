/**
 * `Query.MediaListCollection`: a user's anime or manga list, grouped (lists/collection.ts), whole or a
 * chunk at a time. The statements it runs do not grow with the list: the user, their list options, the
 * entries, then (when selected) all the entries' media in one query and the owner from the cache.
 */
import { pageWindow, type Window } from '../../../query/paging.js'
import type { MediaType } from '../../../catalog/media.js'
import { findUserByName, type User } from '../../../accounts/users.js'
import { checkArguments } from '../../../query/caps.js'
import { checkEntryFilter, findEntries, type MediaListFilter } from '../../../lists/entry-query.js'
import { groupEntries, type ListGroup } from '../../../lists/collection.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import { usersById } from '../users/loaders.js'
import { listOptions } from './loaders.js'
import { typeOptions } from '../../../lists/list-options.js'
import { NotFoundError, ValidationError } from '../../../errors/refusals.js'
import { withSharedMedia, type ListedEntry } from './entry-media.js'

/** AniList's largest chunk: a larger perChunk is read as this. Also the size when only chunk is given. */
export const MAX_PER_CHUNK = 500

type CollectionArgs = Omit<MediaListFilter, 'id' | 'userId_in' | 'mediaId' | 'mediaId_in' | 'mediaId_not_in' | 'type'> & {
  userId?: number | null
  userName?: string | null
  type?: MediaType | null
  forceSingleCompletedList?: boolean | null
  chunk?: number | null
  perChunk?: number | null
  sort?: ReadonlyArray<string | null> | null
}

interface CollectionValue {
  user: User
  groups: Array<ListGroup<ListedEntry>>
  hasNextChunk: boolean
}

async function owner(args: CollectionArgs, ctx: GraphqlContext): Promise<User | null> {
  if (args.userId != null) return ctx.loaders.of(usersById).load(args.userId)
  const user = await findUserByName(ctx.kiroku.db, args.userName!)
  if (user) ctx.loaders.of(usersById).prime(user.id, user)
  return user
}

/** The chunk window asked for, or null for the whole list. */
function chunkWindow(args: CollectionArgs): Window | null {
  if (args.chunk == null && args.perChunk == null) return null
  // Chunks page the list as pages do, numbered from 1, at most MAX_PER_CHUNK entries each.
  const { limit, offset } = pageWindow(args.chunk, args.perChunk, MAX_PER_CHUNK)
  return { limit, offset }
}

const Query: TypeResolvers<'Query', unknown> = {
  async MediaListCollection(_root: unknown, args: CollectionArgs, ctx: GraphqlContext): Promise<CollectionValue> {
    const problems: Record<string, string[]> = {}
    if (args.userId == null && (args.userName == null || args.userName === '')) problems.userId = ['The user id field is required when user name is not present.']
    if (args.type == null) problems.type = ['The type field is required.']
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)
    const { userId: _userId, userName: _userName, type, forceSingleCompletedList, chunk: _chunk, perChunk: _perChunk, sort, ...filter } = args
    checkEntryFilter(filter)
    checkArguments({ userName: args.userName })

    const user = await owner(args, ctx)
    if (!user) throw new NotFoundError()
    const options = (await ctx.loaders.of(listOptions).load(user.id))!
    const window = chunkWindow(args)
    const query = { filter: { ...filter, userId: user.id, type: type! }, sort, access: { viewerId: viewerId(ctx) } }
    // One more than the chunk tells whether another chunk follows.
    const found = await findEntries(ctx.kiroku.db, query, window ? { limit: window.limit + 1, offset: window.offset } : undefined)
    const hasNextChunk = window !== null && found.length > window.limit
    const { entries, loadListMedia } = withSharedMedia(ctx, user.id, type!, hasNextChunk ? found.slice(0, window!.limit) : found)

    const settings = typeOptions(options, type!)
    const forceSingle = forceSingleCompletedList === true
    const needsFormats = settings.splitCompletedSectionByFormat && !forceSingle && entries.some((e) => e.status === 'COMPLETED')
    const media = needsFormats ? await loadListMedia() : new Map()
    const groups = groupEntries(entries, { type: type!, settings, forceSingleCompletedList: forceSingle, formatOf: (id) => media.get(id)?.format ?? null })
    return { user, groups, hasNextChunk }
  },
}

const MediaListCollection: TypeResolvers<'MediaListCollection', CollectionValue> = {
  lists: (c: CollectionValue) => c.groups,
  user: (c: CollectionValue) => c.user,
  hasNextChunk: (c: CollectionValue) => c.hasNextChunk,
  statusLists: (c: CollectionValue) => c.groups.filter((g) => !g.isCustomList).map((g) => g.entries),
  customLists: (c: CollectionValue) => c.groups.filter((g) => g.isCustomList).map((g) => g.entries),
}

/** The resolvers of list collections. */
export const collectionResolvers = { Query, MediaListCollection }
