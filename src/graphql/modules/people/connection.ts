/** The connections of the people module: a list read whole, sorted, then cut to the page asked for. */
import { pageInfoOf, pageWindow, type PageInfoValues } from '../../../query/paging.js'

/** AniList's page size for the connections below a work or a person: the default and the most. */
export const MAX_CONNECTION_PER_PAGE = 25

export interface PageArgs {
  page?: number | null
  perPage?: number | null
}

export interface Connection<E, N> {
  edges: E[]
  nodes: N[]
  pageInfo: PageInfoValues
}

/** One page of `items` (already in order) and its pageInfo. */
export function pageOfItems<T>(items: readonly T[], args: PageArgs): { items: T[]; pageInfo: PageInfoValues } {
  const window = pageWindow(args.page, args.perPage, MAX_CONNECTION_PER_PAGE)
  return { items: items.slice(window.offset, window.offset + window.limit), pageInfo: pageInfoOf(items.length, window) }
}

/** Edges to a connection; an edge whose node is no longer stored is left out. */
export function connectionOf<E extends { node: N | null }, N>(edges: readonly E[], pageInfo: PageInfoValues): Connection<E & { node: N }, N> {
  const kept = edges.filter((e): e is E & { node: N } => e.node !== null)
  return { edges: kept, nodes: kept.map((e) => e.node), pageInfo }
}
