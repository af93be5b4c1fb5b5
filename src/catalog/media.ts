/**
 * The catalog's Media, shaped like AniList's Media object so that imports, the GraphQL layer and the
 * built-in catalog speak one language. Enum values are AniList's names.
 */

export const MEDIA_TYPES = ['ANIME', 'MANGA'] as const
export const MEDIA_FORMATS = ['TV', 'TV_SHORT', 'MOVIE', 'SPECIAL', 'OVA', 'ONA', 'MUSIC', 'MANGA', 'NOVEL', 'ONE_SHOT'] as const
export const MEDIA_STATUSES = ['FINISHED', 'RELEASING', 'NOT_YET_RELEASED', 'CANCELLED', 'HIATUS'] as const
export const MEDIA_SEASONS = ['WINTER', 'SPRING', 'SUMMER', 'FALL'] as const
export const MEDIA_RELATIONS = ['ADAPTATION', 'PREQUEL', 'SEQUEL', 'PARENT', 'SIDE_STORY', 'CHARACTER', 'SUMMARY', 'ALTERNATIVE', 'SPIN_OFF', 'OTHER', 'SOURCE', 'COMPILATION', 'CONTAINS'] as const
export const MEDIA_SOURCES = [
  'ORIGINAL', 'MANGA', 'LIGHT_NOVEL', 'VISUAL_NOVEL', 'VIDEO_GAME', 'OTHER', 'NOVEL', 'DOUJINSHI', 'ANIME',
  'WEB_NOVEL', 'LIVE_ACTION', 'GAME', 'COMIC', 'MULTIMEDIA_PROJECT', 'PICTURE_BOOK',
] as const

export type MediaType = (typeof MEDIA_TYPES)[number]
export type MediaFormat = (typeof MEDIA_FORMATS)[number]
export type MediaStatus = (typeof MEDIA_STATUSES)[number]
export type MediaSeason = (typeof MEDIA_SEASONS)[number]
export type MediaSource = (typeof MEDIA_SOURCES)[number]
export type MediaRelation = (typeof MEDIA_RELATIONS)[number]

/** Another work in the same franchise: its AniList id and how it relates to this one. */
export interface MediaRelationLink {
  id: number
  relationType: MediaRelation
  /** AniList's id of the relation edge (MediaEdge.id), when the import carried one. */
  edgeId?: number
}

/** A date whose parts may each be unknown, as AniList's FuzzyDate. */
export interface FuzzyDate {
  year: number | null
  month: number | null
  day: number | null
}

export interface MediaTitle {
  romaji: string | null
  english: string | null
  native: string | null
}

export interface MediaCoverImage {
  extraLarge: string | null
  large: string | null
  medium: string | null
  color: string | null
}

/** A trailer video: its id on the hosting site (youtube or dailymotion) and a thumbnail picture. */
export interface MediaTrailer {
  id: string
  site: string
  thumbnail: string | null
}

export interface Media {
  id: number
  idMal: number | null
  type: MediaType
  format: MediaFormat | null
  status: MediaStatus | null
  title: MediaTitle
  description: string | null
  startDate: FuzzyDate
  endDate: FuzzyDate
  season: MediaSeason | null
  seasonYear: number | null
  episodes: number | null
  duration: number | null
  chapters: number | null
  volumes: number | null
  /** ISO 3166-1 alpha-2, upper case. */
  countryOfOrigin: string | null
  source: MediaSource | null
  isLicensed: boolean | null
  hashtag: string | null
  coverImage: MediaCoverImage
  bannerImage: string | null
  trailer: MediaTrailer | null
  genres: string[]
  synonyms: string[]
  /** Related works, in the order given; a work not (yet) in the catalog is skipped when read. */
  relations: MediaRelationLink[]
  averageScore: number | null
  meanScore: number | null
  popularity: number
  favourites: number
  trending: number
  isAdult: boolean
  isLocked: boolean
  isFavouriteBlocked: boolean
  isRecommendationBlocked: boolean
  isReviewBlocked: boolean
  /** Unix seconds of the last change to this row's data. */
  updatedAt: number
}

/**
 * What an import or the built-in catalog writes: the id and type, plus any other fields. A field left
 * out keeps its stored value (or its default for a new row); `null` clears it. Title and cover image
 * merge part by part.
 */
export type MediaInput = { id: number; type: MediaType } & Partial<Omit<Media, 'id' | 'type' | 'title' | 'coverImage'>> & {
  title?: Partial<MediaTitle>
  coverImage?: Partial<MediaCoverImage>
}

export const EMPTY_DATE: FuzzyDate = Object.freeze({ year: null, month: null, day: null })
