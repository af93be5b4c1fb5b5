/**
 * AniList's forum categories: a fixed list (ids and names as AniList has them), so threads store
 * only the ids and no table holds the names. Ids 6 and 14 are gaps in AniList's own numbering.
 */

export interface ThreadCategory {
  id: number
  name: string
}

export const FORUM_CATEGORIES: readonly ThreadCategory[] = [
  { id: 1, name: 'General' },
  { id: 2, name: 'Anime' },
  { id: 3, name: 'Manga' },
  { id: 4, name: 'Light Novels' },
  { id: 5, name: 'Visual Novels' },
  { id: 7, name: 'Recommendations' },
  { id: 8, name: 'Forum Games' },
  { id: 9, name: 'News' },
  { id: 10, name: 'Music' },
  { id: 11, name: 'Release Discussion' },
  { id: 12, name: 'Site Feedback' },
  { id: 13, name: 'Bug Reports' },
  { id: 15, name: 'Misc' },
  { id: 16, name: 'AniList Apps' },
  { id: 17, name: 'Gaming' },
  { id: 18, name: 'Site Announcements' },
]

const BY_ID = new Map(FORUM_CATEGORIES.map((c) => [c.id, c]))

/** The category of an id, or undefined for an id AniList does not have. */
export const categoryById = (id: number): ThreadCategory | undefined => BY_ID.get(id)
