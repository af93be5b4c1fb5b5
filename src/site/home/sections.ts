/**
 * What the home page shows, from the local catalog and the server clock: the trending anime, the
 * most popular of the current season, the upcoming ones of the next season, and for a logged-in
 * user their in-progress anime and manga. Each catalog section links to the search that lists it all.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { MediaSeason, MediaType } from '../../catalog/media.js'
import type { MediaFilter } from '../../catalog/media-filter.js'
import { findMedia } from '../../catalog/media-query.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { seasonOf } from '../../catalog/seasons.js'
import { findEntries } from '../../lists/entry-query.js'
import { IN_PROGRESS_STATUSES } from '../../lists/plus-one.js'
import type { MediaListStatus } from '../../lists/entry.js'
import { enumLabel } from '../view-helpers.js'
import { mediaCard, type MediaCard } from '../browse/cards.js'
import type { ViewerPrefs } from '../browse/viewer-prefs.js'

/** Works per catalog section: one row on a desktop, two on a phone. */
export const SECTION_SIZE = 6
/** In-progress entries shown per media type. */
export const IN_PROGRESS_SIZE = 12

export interface Season {
  season: MediaSeason
  year: number
}

/** The season the server clock is in (December counts as next year's winter, as on AniList). */
export function currentSeason(now: number): Season {
  const date = new Date(now * 1000)
  const { season, seasonYear } = seasonOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() })!
  return { season, year: seasonYear }
}

const NEXT: Readonly<Record<MediaSeason, MediaSeason>> = { WINTER: 'SPRING', SPRING: 'SUMMER', SUMMER: 'FALL', FALL: 'WINTER' }

export function nextSeason(current: Season): Season {
  return { season: NEXT[current.season], year: current.season === 'FALL' ? current.year + 1 : current.year }
}

export interface HomeSection {
  id: string
  heading: string
  viewAll: string
  cards: MediaCard[]
  empty: string
}

/** The three catalog sections, for the viewer's title language and adult option. */
export async function catalogSections(db: Kysely<Tables>, now: number, prefs: ViewerPrefs, publicUrl: string): Promise<HomeSection[]> {
  const season = currentSeason(now)
  const next = nextSeason(season)
  const adult: MediaFilter = prefs.showAdult ? {} : { isAdult: false }
  const specs = [
    {
      id: 'trending', heading: 'Trending now', filter: { type: 'ANIME', ...adult }, sort: ['TRENDING_DESC', 'POPULARITY_DESC'],
      viewAll: '/search/anime?sort=TRENDING_DESC', empty: 'Nothing is trending in this catalog yet.',
    },
    {
      id: 'this-season', heading: 'Popular this season', filter: { type: 'ANIME', season: season.season, seasonYear: season.year, ...adult }, sort: ['POPULARITY_DESC'],
      viewAll: `/search/anime?season=${season.season}&year=${season.year}&sort=POPULARITY_DESC`,
      empty: `This catalog has no anime of ${enumLabel(season.season)} ${season.year}.`,
    },
    {
      id: 'next-season', heading: 'Upcoming next season', filter: { type: 'ANIME', season: next.season, seasonYear: next.year, status: 'NOT_YET_RELEASED', ...adult }, sort: ['POPULARITY_DESC'],
      viewAll: `/search/anime?season=${next.season}&year=${next.year}&status=NOT_YET_RELEASED&sort=POPULARITY_DESC`,
      empty: `This catalog has no upcoming anime for ${enumLabel(next.season)} ${next.year}.`,
    },
    // Always full in any catalog with works, so the page never reads empty.
    {
      id: 'all-time', heading: 'All-time popular', filter: { type: 'ANIME', ...adult }, sort: ['POPULARITY_DESC'],
      viewAll: '/search/anime?sort=POPULARITY_DESC', empty: 'This catalog has no anime yet.',
    },
    {
      id: 'manga', heading: 'Popular manga', filter: { type: 'MANGA', ...adult }, sort: ['POPULARITY_DESC'],
      viewAll: '/search/manga?sort=POPULARITY_DESC', empty: 'This catalog has no manga yet.',
    },
  ] satisfies Array<Omit<HomeSection, 'cards'> & { filter: MediaFilter; sort: string[] }>
  return Promise.all(
    specs.map(async ({ filter, sort, ...section }) => {
      const media = await findMedia(db, { filter, sort }, { limit: SECTION_SIZE, offset: 0 })
      return { ...section, cards: media.map((m) => mediaCard(m, prefs.titleLanguage, publicUrl)) }
    }),
  )
}

export interface ProgressCard extends MediaCard {
  mediaId: number
  status: MediaListStatus
  progress: number
  /** Episodes or chapters, when the catalog knows them. */
  total: number | null
  unit: 'episode' | 'chapter'
}

/** The viewer's CURRENT and REPEATING entries of one type, most recently updated first. */
export async function inProgress(db: Kysely<Tables>, viewerId: number, type: MediaType, prefs: ViewerPrefs, publicUrl: string): Promise<ProgressCard[]> {
  const entries = await findEntries(
    db,
    { filter: { userId: viewerId, type, status_in: [...IN_PROGRESS_STATUSES] }, access: { viewerId }, sort: ['UPDATED_TIME_DESC'] },
    { limit: IN_PROGRESS_SIZE, offset: 0 },
  )
  const media = await loadMediaByIds(db, entries.map((e) => e.mediaId))
  const out: ProgressCard[] = []
  for (const entry of entries) {
    const work = media.get(entry.mediaId)
    if (!work || (work.isAdult && !prefs.showAdult)) continue
    const total = work.type === 'ANIME' ? work.episodes : work.chapters
    out.push({ ...mediaCard(work, prefs.titleLanguage, publicUrl), mediaId: work.id, status: entry.status, progress: entry.progress, total, unit: work.type === 'ANIME' ? 'episode' : 'chapter' })
  }
  return out
}
