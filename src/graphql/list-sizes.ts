/**
 * How long each list field of Kiroku's schema can be, for the cost estimate (query-cost.ts): the sizes
 * the resolvers really use, from the same constants. Every list field has a rule and the reason it is
 * bounded (a test walks the schema to keep it so); lists of objects are also charged by their real
 * length as they resolve (cost-meter.ts), which bounds those whose length depends on the data.
 *
 * A few fields open a scope for the lists directly below them: a Page (its perPage), a connection
 * (favourites' perPage, a work's relations), a list collection (its groups and entries).
 */
import { MEDIA_FORMATS } from '../catalog/media.js'
import { MAX_CUSTOM_LISTS, MAX_ADVANCED_SCORING, MAX_SECTIONS } from '../accounts/profile-input.js'
import { MEDIA_LIST_STATUSES } from '../lists/entry.js'
import { MAX_BULK_IDS } from '../lists/save.js'
import { MAX_PER_PAGE } from '../query/paging.js'
import { MAX_FAVOURITES_PER_PAGE } from './resolvers/favourites.js'
import { MAX_PER_CHUNK } from './resolvers/media-list-collection.js'
import { LIST_STATUSES, NOTIFICATION_TYPES } from './resolvers/user.js'

/** How many items a list field holds. */
export type ListSize =
  /** As many as the enclosing scope's page (Page.media, a connection's nodes). */
  | { kind: 'page' }
  /** At most `max`; a `limit` argument, when the field has one, lowers it. */
  | { kind: 'most'; max: number }
  /** One item per value of an argument (UpdateMediaListEntries' ids). */
  | { kind: 'perValue'; argument: string }
  /** A list collection's groups; each group holds its share of the collection's entries. */
  | { kind: 'groups' }
  /** One group's entries. */
  | { kind: 'entries' }
  /** Groups of entries as lists of lists (the deprecated statusLists, customLists): all the entries. */
  | { kind: 'groupedEntries' }
  /** Plain values (ids, names, enums): they cost one field however many there are. */
  | { kind: 'values' }

export type ListRule = ListSize & { /** Why the list cannot grow without bound. */ bound: string }

/** What a field sets for the lists directly below it. */
export type Scope = { page: number } | { groups: number; entries: number }

/** Computes a scope from the field's argument values (coerced, defaults filled in). */
export type ScopeOpener = (args: Record<string, unknown>) => Scope

export interface ListSizes {
  /** By `Type.field`. */
  lists: Record<string, ListRule>
  /** By `Type.field`: the fields that open a scope. */
  openers: Record<string, ScopeOpener>
}

/**
 * The relations a work is estimated to have before a query runs (the real number is charged as it
 * runs): most works have a handful; the longest franchises on AniList a few dozen.
 */
export const RELATIONS_ESTIMATE = 25

/**
 * The most groups a collection can have: the six status lists, the completed one split into one per
 * format, and the owner's custom lists.
 */
export const COLLECTION_GROUPS = MEDIA_LIST_STATUSES.length - 1 + MEDIA_FORMATS.length + MAX_CUSTOM_LISTS

/** A size argument as the resolvers read it: `fallback` when absent, then kept within 1…`max`. */
export function clampSize(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback
  return Math.min(max, Math.max(1, n))
}

const PAGE: ListRule = { kind: 'page', bound: 'the perPage of its page, at most 50 (Page) or 25 (favourites)' }
const pageOf = (max: number): ScopeOpener => (args) => ({ page: clampSize(args.perPage, max, max) })
const most = (max: number, bound: string): ListRule => ({ kind: 'most', max, bound })

// A breakdown row per value the statistics group by: fixed sets, or the values of a user's list.
const BREAKDOWN_ROWS = {
  formats: most(MEDIA_FORMATS.length, 'one row per media format'),
  statuses: most(MEDIA_LIST_STATUSES.length, 'one row per list status'),
  scores: most(100, 'one row per raw score from 1 to 100'),
  lengths: most(7, 'one row per length bucket (7 for anime, 6 for manga)'),
  releaseYears: most(150, "one row per release year of the user's works; charged by its real length as it runs"),
  startYears: most(60, 'one row per year the user started something; charged by its real length as it runs'),
  genres: most(50, "one row per genre of the user's works; charged by its real length as it runs"),
  countries: most(50, "one row per country of the user's works; charged by its real length as it runs"),
  tags: most(0, 'always empty: Kiroku keeps no tags'),
  voiceActors: most(0, 'always empty: Kiroku keeps no staff'),
  staff: most(0, 'always empty: Kiroku keeps no staff'),
  studios: most(0, 'always empty: Kiroku keeps no studios'),
}

const STATISTIC_ROWS = ['Format', 'Status', 'Score', 'Length', 'ReleaseYear', 'StartYear', 'Genre', 'Tag', 'Country', 'VoiceActor', 'Staff', 'Studio']
const values = (bound: string): ListRule => ({ kind: 'values', bound })
const MEDIA_IDS = values("the ids of the works a row counts, at most one per entry of the user's list")

/** Kiroku's schema. */
export const KIROKU_LIST_SIZES: ListSizes = {
  lists: {
    'Page.media': PAGE,
    'Page.mediaList': PAGE,
    'Page.users': PAGE,
    'MediaConnection.edges': PAGE,
    'MediaConnection.nodes': PAGE,
    'MediaListCollection.lists': { kind: 'groups', bound: `at most ${COLLECTION_GROUPS} groups: statuses, completed by format, ${MAX_CUSTOM_LISTS} custom lists` },
    'MediaListCollection.statusLists': { kind: 'groupedEntries', bound: "the collection's entries, charged by their real number as they resolve" },
    'MediaListCollection.customLists': { kind: 'groupedEntries', bound: "the collection's entries, charged by their real number as they resolve" },
    'MediaListGroup.entries': { kind: 'entries', bound: "the collection's entries (a chunk, or 500 estimated for a whole list), charged by their real number, repeats included, as they resolve" },
    'Mutation.UpdateMediaListEntries': { kind: 'perValue', argument: 'ids', bound: `one per id, at most ${MAX_BULK_IDS}` },
    ...Object.fromEntries(Object.entries(BREAKDOWN_ROWS).map(([field, rule]) => [`UserStatistics.${field}`, rule])),
    ...Object.fromEntries(STATISTIC_ROWS.map((row) => [`User${row}Statistic.mediaIds`, MEDIA_IDS])),
    'UserVoiceActorStatistic.characterIds': values('always empty: Kiroku keeps no characters'),
    'Media.genres': values("the work's genres, from the catalog the operator imported"),
    'Media.synonyms': values("the work's other titles, from the catalog the operator imported"),
    'User.moderatorRoles': values('always null: Kiroku has no moderators'),
    'UserOptions.notificationOptions': most(NOTIFICATION_TYPES.length, 'one per kind of notification'),
    'UserOptions.disabledListActivity': most(LIST_STATUSES.length, 'one per list status'),
    'MediaListTypeOptions.sectionOrder': values(`at most ${MAX_SECTIONS} sections (UpdateUser's validation)`),
    'MediaListTypeOptions.customLists': values(`at most ${MAX_CUSTOM_LISTS} custom lists (UpdateUser's validation)`),
    'MediaListTypeOptions.advancedScoring': values(`at most ${MAX_ADVANCED_SCORING} categories (UpdateUser's validation)`),
  },
  openers: {
    'Query.Page': pageOf(MAX_PER_PAGE),
    'Favourites.anime': pageOf(MAX_FAVOURITES_PER_PAGE),
    'Favourites.manga': pageOf(MAX_FAVOURITES_PER_PAGE),
    'Media.relations': () => ({ page: RELATIONS_ESTIMATE }),
    // As the resolver: the whole list without chunk and perChunk (estimated as one full chunk).
    'Query.MediaListCollection': (args) => ({
      groups: COLLECTION_GROUPS,
      entries: args.chunk == null && args.perChunk == null ? MAX_PER_CHUNK : clampSize(args.perChunk, MAX_PER_CHUNK, MAX_PER_CHUNK),
    }),
  },
}
