/**
 * MediaSort over the few works of one person (Character.media, Staff.staffMedia,
 * Staff.characterMedia), which are read whole and ordered here with the rules of cast-order.ts. The
 * catalog orders its own search in SQL (catalog/media-sort.ts); these keys read the same fields.
 */
import { MEDIA_FORMATS, MEDIA_STATUSES, MEDIA_TYPES, type Media } from '../catalog/media.js'
import { toFuzzyDateInt } from '../catalog/fuzzy-date.js'
import { sortItems, type SortValues } from './cast-order.js'

const rank = (values: readonly string[], value: string | null) => (value === null ? null : values.indexOf(value))

function mediaKeys<T>(media: (item: T) => Media): SortValues<T> {
  return {
    ID: (i) => media(i).id,
    TITLE_ROMAJI: (i) => media(i).title.romaji,
    TITLE_ENGLISH: (i) => media(i).title.english,
    TITLE_NATIVE: (i) => media(i).title.native,
    TYPE: (i) => rank(MEDIA_TYPES, media(i).type),
    FORMAT: (i) => rank(MEDIA_FORMATS, media(i).format),
    STATUS: (i) => rank(MEDIA_STATUSES, media(i).status),
    START_DATE: (i) => toFuzzyDateInt(media(i).startDate),
    END_DATE: (i) => toFuzzyDateInt(media(i).endDate),
    SCORE: (i) => media(i).averageScore,
    POPULARITY: (i) => media(i).popularity,
    TRENDING: (i) => media(i).trending,
    FAVOURITES: (i) => media(i).favourites,
    EPISODES: (i) => media(i).episodes,
    DURATION: (i) => media(i).duration,
    CHAPTERS: (i) => media(i).chapters,
    VOLUMES: (i) => media(i).volumes,
    UPDATED_AT: (i) => media(i).updatedAt,
  }
}

/** Items holding a work, in MediaSort order, then by `position` (stored order) and the work's id. */
export function sortByMedia<T>(items: readonly T[], sorts: ReadonlyArray<string | null> | null | undefined, media: (item: T) => Media, position: (item: T) => number): T[] {
  return sortItems(items, sorts, { ...mediaKeys(media), RELEVANCE: position }, ['RELEVANCE', 'ID'])
}
