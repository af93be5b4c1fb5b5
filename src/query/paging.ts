/**
 * AniList's paging, written once: `page` counts from 1 and `perPage` is capped (50 for Page, smaller
 * for some connections); a size below 1 is read as 1, a page below 1 as the first. pageInfo follows
 * from the total: lastPage is at least 1, hasNextPage is whether items lie past this page.
 */

/** AniList's largest page: a larger perPage is read as this. Also the size when none is given. */
export const MAX_PER_PAGE = 50

/** LIMIT and OFFSET. */
export interface Window {
  limit: number
  offset: number
}

/** A requested page, clamped as AniList clamps it. */
export interface PageWindow extends Window {
  page: number
  perPage: number
}

/** The page asked for, with perPage at most `max` (and `max` when not given). */
export function pageWindow(page: number | null | undefined, perPage: number | null | undefined, max = MAX_PER_PAGE): PageWindow {
  const p = Math.max(1, page ?? 1)
  const size = Math.min(max, Math.max(1, perPage ?? max))
  return { page: p, perPage: size, limit: size, offset: (p - 1) * size }
}

/** AniList's PageInfo. */
export interface PageInfoValues {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
  hasNextPage: boolean
}

/** The last page of `total` items in pages of `perPage`: at least 1. */
export function lastPageOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage))
}

/** Whether items lie past page `page` of size `perPage`. */
export function hasNextPage(total: number, page: number, perPage: number): boolean {
  return page * perPage < total
}

/** The pageInfo of a window over `total` items. */
export function pageInfoOf(total: number, window: Pick<PageWindow, 'page' | 'perPage'>): PageInfoValues {
  return { total, perPage: window.perPage, currentPage: window.page, lastPage: lastPageOf(total, window.perPage), hasNextPage: hasNextPage(total, window.page, window.perPage) }
}
