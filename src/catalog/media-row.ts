/** Converts between the `media` table's rows and the catalog's Media objects. */
import type { Insertable, Selectable } from 'kysely'
import type { MediaTable } from '../storage/tables.js'
import { toFuzzyDateInt } from './fuzzy-date.js'
import type { FuzzyDate, Media, MediaFormat, MediaSeason, MediaSource, MediaStatus, MediaType } from './media.js'
import { buildSearchText } from './search-text.js'

export type MediaRow = Selectable<MediaTable>

const bool = (value: number | null) => (value === null ? null : value !== 0)
const bit = (value: boolean) => (value ? 1 : 0)

/** A stored row as a Media object. */
export function rowToMedia(row: MediaRow): Media {
  return {
    id: row.id,
    idMal: row.id_mal,
    type: row.type as MediaType,
    format: row.format as MediaFormat | null,
    status: row.status as MediaStatus | null,
    title: { romaji: row.title_romaji, english: row.title_english, native: row.title_native },
    description: row.description,
    startDate: { year: row.start_year, month: row.start_month, day: row.start_day },
    endDate: { year: row.end_year, month: row.end_month, day: row.end_day },
    season: row.season as MediaSeason | null,
    seasonYear: row.season_year,
    episodes: row.episodes,
    duration: row.duration,
    chapters: row.chapters,
    volumes: row.volumes,
    countryOfOrigin: row.country_of_origin,
    source: row.source as MediaSource | null,
    isLicensed: bool(row.is_licensed),
    hashtag: row.hashtag,
    coverImage: { extraLarge: row.cover_extra_large, large: row.cover_large, medium: row.cover_medium, color: row.cover_color },
    bannerImage: row.banner_image,
    trailer: row.trailer_id !== null && row.trailer_site !== null ? { id: row.trailer_id, site: row.trailer_site, thumbnail: row.trailer_thumbnail } : null,
    genres: JSON.parse(row.genres) as string[],
    synonyms: JSON.parse(row.synonyms) as string[],
    relations: JSON.parse(row.relations) as Media['relations'],
    averageScore: row.average_score,
    meanScore: row.mean_score,
    popularity: row.popularity,
    favourites: row.favourites,
    trending: row.trending,
    isAdult: row.is_adult !== 0,
    isLocked: row.is_locked !== 0,
    isFavouriteBlocked: row.is_favourite_blocked !== 0,
    isRecommendationBlocked: row.is_recommendation_blocked !== 0,
    isReviewBlocked: row.is_review_blocked !== 0,
    updatedAt: row.updated_at,
  }
}

/** A Media object as a row, with its derived columns (date integers, search text) filled in. */
export function mediaToRow(media: Media): Insertable<MediaTable> & MediaRow {
  const date = (d: FuzzyDate) => toFuzzyDateInt(d)
  return {
    id: media.id,
    id_mal: media.idMal,
    type: media.type,
    format: media.format,
    status: media.status,
    title_romaji: media.title.romaji,
    title_english: media.title.english,
    title_native: media.title.native,
    synonyms: JSON.stringify(media.synonyms),
    genres: JSON.stringify(media.genres),
    relations: JSON.stringify(media.relations.map(({ id, relationType, edgeId }) => (edgeId === undefined ? { id, relationType } : { id, relationType, edgeId }))),
    search_text: buildSearchText([media.title.romaji, media.title.english, media.title.native, ...media.synonyms]),
    description: media.description,
    start_year: media.startDate.year,
    start_month: media.startDate.month,
    start_day: media.startDate.day,
    start_date: date(media.startDate),
    end_year: media.endDate.year,
    end_month: media.endDate.month,
    end_day: media.endDate.day,
    end_date: date(media.endDate),
    season: media.season,
    season_year: media.seasonYear,
    episodes: media.episodes,
    duration: media.duration,
    chapters: media.chapters,
    volumes: media.volumes,
    country_of_origin: media.countryOfOrigin,
    source: media.source,
    is_licensed: media.isLicensed === null ? null : bit(media.isLicensed),
    hashtag: media.hashtag,
    cover_extra_large: media.coverImage.extraLarge,
    cover_large: media.coverImage.large,
    cover_medium: media.coverImage.medium,
    cover_color: media.coverImage.color,
    banner_image: media.bannerImage,
    trailer_id: media.trailer?.id ?? null,
    trailer_site: media.trailer?.site ?? null,
    trailer_thumbnail: media.trailer?.thumbnail ?? null,
    average_score: media.averageScore,
    mean_score: media.meanScore,
    popularity: media.popularity,
    favourites: media.favourites,
    trending: media.trending,
    is_adult: bit(media.isAdult),
    is_locked: bit(media.isLocked),
    is_favourite_blocked: bit(media.isFavouriteBlocked),
    is_recommendation_blocked: bit(media.isRecommendationBlocked),
    is_review_blocked: bit(media.isReviewBlocked),
    updated_at: media.updatedAt,
  }
}
