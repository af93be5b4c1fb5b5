/** The lists module: users' anime and manga list entries, collections, list options and list mutations. */
import type { User } from '../../../accounts/users.js'
import { MEDIA_FORMATS } from '../../../catalog/media.js'
import { MEDIA_LIST_STATUSES } from '../../../lists/entry.js'
import { MAX_BULK_IDS } from '../../../lists/save.js'
import { MAX_ADVANCED_SCORING, MAX_CUSTOM_LISTS, MAX_SECTIONS } from '../../../lists/list-options-input.js'
import { mergeResolvers, readModuleSdl, type GraphqlModule, type TypeResolvers } from '../../server/module.js'
import { clampSize, PAGE, values } from '../../server/list-sizes.js'
import { collectionResolvers, MAX_PER_CHUNK } from './collection-resolvers.js'
import { countMediaList, entryResolvers } from './entry-resolvers.js'
import { mutationResolvers } from './mutation-resolvers.js'
import { listOptions } from './loaders.js'

/**
 * The most groups a collection can have: the six status lists, the completed one split into one per
 * format, and the owner's custom lists.
 */
export const COLLECTION_GROUPS = MEDIA_LIST_STATUSES.length - 1 + MEDIA_FORMATS.length + MAX_CUSTOM_LISTS

const UserFields: TypeResolvers<'User', User> = {
  mediaListOptions: (user, _args, ctx) => ctx.loaders.of(listOptions).load(user.id),
}

// Kiroku keeps no legacy lists and no list themes: the answers AniList gives for a user with neither.
const MediaListOptions: TypeResolvers<'MediaListOptions', unknown> = {
  useLegacyLists: () => false,
  sharedTheme: () => null,
  sharedThemeEnabled: () => false,
}

const grouped = "the collection's entries, charged by their real number as they resolve"

export const listsModule: GraphqlModule = {
  name: 'lists',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(entryResolvers, collectionResolvers, mutationResolvers, { User: UserFields, MediaListOptions }),
  pageCounters: { mediaList: countMediaList },
  listRules: {
    'Page.mediaList': PAGE,
    'MediaListCollection.lists': { kind: 'groups', bound: `at most ${COLLECTION_GROUPS} groups: statuses, completed by format, ${MAX_CUSTOM_LISTS} custom lists` },
    'MediaListCollection.statusLists': { kind: 'groupedEntries', bound: grouped },
    'MediaListCollection.customLists': { kind: 'groupedEntries', bound: grouped },
    'MediaListGroup.entries': { kind: 'entries', bound: "the collection's entries (a chunk, or 500 estimated for a whole list), charged by their real number, repeats included, as they resolve" },
    'Mutation.UpdateMediaListEntries': { kind: 'perValue', argument: 'ids', bound: `one per id, at most ${MAX_BULK_IDS}` },
    'MediaListTypeOptions.sectionOrder': values(`at most ${MAX_SECTIONS} sections (UpdateUser's validation)`),
    'MediaListTypeOptions.customLists': values(`at most ${MAX_CUSTOM_LISTS} custom lists (UpdateUser's validation)`),
    'MediaListTypeOptions.advancedScoring': values(`at most ${MAX_ADVANCED_SCORING} categories (UpdateUser's validation)`),
  },
  scopeOpeners: {
    // As the resolver: the whole list without chunk and perChunk (estimated as one full chunk).
    'Query.MediaListCollection': (args) => ({
      groups: COLLECTION_GROUPS,
      entries: args.chunk == null && args.perChunk == null ? MAX_PER_CHUNK : clampSize(args.perChunk, MAX_PER_CHUNK, MAX_PER_CHUNK),
    }),
  },
}
