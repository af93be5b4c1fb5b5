/**
 * How long each list field of Kiroku's schema can be, for the cost estimate (query-cost.ts): the sizes
 * the resolvers really use, from the same constants. Each GraphQL module gives the rules of its own
 * list fields (server/module.ts); every list field has a rule and the reason it is bounded (a test
 * walks the schema to keep it so); lists of objects are also charged by their real length as they
 * resolve (cost-meter.ts), which bounds those whose length depends on the data.
 *
 * A few fields open a scope for the lists directly below them: a Page (its perPage), a connection
 * (favourites' perPage, a work's relations), a list collection (its groups and entries).
 */
import { MAX_PER_PAGE } from '../../query/paging.js'

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

/** A size argument as the resolvers read it: `fallback` when absent, then kept within 1…`max`. */
export function clampSize(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback
  return Math.min(max, Math.max(1, n))
}

/** A list as long as the enclosing scope's page. */
export const PAGE: ListRule = { kind: 'page', bound: 'the perPage of its page, at most 50 (Page) or 25 (favourites)' }
/** Opens a page scope: the field's own perPage, `max` when absent, at most `max`. */
export const pageOf = (max: number): ScopeOpener => (args) => ({ page: clampSize(args.perPage, max, max) })
/** A list of at most `max` items. */
export const most = (max: number, bound: string): ListRule => ({ kind: 'most', max, bound })
/** A list of plain values. */
export const values = (bound: string): ListRule => ({ kind: 'values', bound })

/** The scope the server's own Page opens (server/module.ts resolves Query.Page). */
export const PAGE_OPENER: Record<string, ScopeOpener> = { 'Query.Page': pageOf(MAX_PER_PAGE) }
