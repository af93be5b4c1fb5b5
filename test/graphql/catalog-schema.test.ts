import { buildSchema, isEnumType, isObjectType, isScalarType, type GraphQLField } from 'graphql'
import { describe, expect, it } from 'vitest'
import { loadSchemaSdl } from '../../src/graphql/schema.js'

/**
 * The catalog's part of the contract: AniList's names and types for every field and argument Kiroku
 * adds, written out here (they must match AniList's published schema exactly).
 */
const MEDIA_ARGUMENTS = [
  'id: Int', 'idMal: Int', 'startDate: FuzzyDateInt', 'endDate: FuzzyDateInt', 'season: MediaSeason', 'seasonYear: Int', 'type: MediaType',
  'format: MediaFormat', 'status: MediaStatus', 'episodes: Int', 'duration: Int', 'chapters: Int', 'volumes: Int', 'isAdult: Boolean',
  'genre: String', 'tag: String', 'minimumTagRank: Int', 'tagCategory: String', 'licensedBy: String', 'licensedById: Int',
  'averageScore: Int', 'popularity: Int', 'source: MediaSource', 'countryOfOrigin: CountryCode', 'isLicensed: Boolean', 'search: String',
  'id_not: Int', 'id_in: [Int]', 'id_not_in: [Int]', 'idMal_not: Int', 'idMal_in: [Int]', 'idMal_not_in: [Int]',
  'startDate_greater: FuzzyDateInt', 'startDate_lesser: FuzzyDateInt', 'startDate_like: String',
  'endDate_greater: FuzzyDateInt', 'endDate_lesser: FuzzyDateInt', 'endDate_like: String',
  'format_in: [MediaFormat]', 'format_not: MediaFormat', 'format_not_in: [MediaFormat]',
  'status_in: [MediaStatus]', 'status_not: MediaStatus', 'status_not_in: [MediaStatus]',
  'episodes_greater: Int', 'episodes_lesser: Int', 'duration_greater: Int', 'duration_lesser: Int', 'chapters_greater: Int',
  'chapters_lesser: Int', 'volumes_greater: Int', 'volumes_lesser: Int', 'genre_in: [String]', 'genre_not_in: [String]',
  'tag_in: [String]', 'tag_not_in: [String]', 'tagCategory_in: [String]', 'tagCategory_not_in: [String]', 'licensedBy_in: [String]',
  'licensedById_in: [Int]', 'averageScore_not: Int', 'averageScore_greater: Int', 'averageScore_lesser: Int', 'popularity_not: Int',
  'popularity_greater: Int', 'popularity_lesser: Int', 'source_in: [MediaSource]', 'sort: [MediaSort]',
]

const FIELDS: Record<string, string[]> = {
  Query: ['Page(page: Int, perPage: Int): Page', 'Media(…): Media'],
  Page: ['pageInfo: PageInfo', 'media(…): [Media]'],
  PageInfo: ['total: Int', 'perPage: Int', 'currentPage: Int', 'lastPage: Int', 'hasNextPage: Boolean'],
  Media: [
    'id: Int!', 'idMal: Int', 'title: MediaTitle', 'type: MediaType', 'format: MediaFormat', 'status(version: Int): MediaStatus',
    'description(asHtml: Boolean): String', 'startDate: FuzzyDate', 'endDate: FuzzyDate', 'season: MediaSeason', 'seasonYear: Int',
    'seasonInt: Int', 'episodes: Int', 'duration: Int', 'chapters: Int', 'volumes: Int', 'countryOfOrigin: CountryCode',
    'isLicensed: Boolean', 'source(version: Int): MediaSource', 'hashtag: String', 'updatedAt: Int', 'coverImage: MediaCoverImage',
    'bannerImage: String', 'genres: [String]', 'synonyms: [String]', 'averageScore: Int', 'meanScore: Int', 'popularity: Int',
    'isLocked: Boolean', 'trending: Int', 'favourites: Int', 'isFavouriteBlocked: Boolean!', 'isAdult: Boolean',
    'trailer: MediaTrailer', 'relations: MediaConnection', 'nextAiringEpisode: AiringSchedule', 'siteUrl: String', 'isRecommendationBlocked: Boolean', 'isReviewBlocked: Boolean',
  ],
  MediaTitle: ['romaji(stylised: Boolean): String', 'english(stylised: Boolean): String', 'native(stylised: Boolean): String', 'userPreferred: String'],
  MediaConnection: ['edges: [MediaEdge]', 'nodes: [Media]', 'pageInfo: PageInfo'],
  MediaEdge: ['node: Media', 'relationType(version: Int): MediaRelation', 'isMainStudio: Boolean!'],
  MediaTrailer: ['id: String', 'site: String', 'thumbnail: String'],
  MediaCoverImage: ['extraLarge: String', 'large: String', 'medium: String', 'color: String'],
  FuzzyDate: ['year: Int', 'month: Int', 'day: Int'],
  AiringSchedule: ['id: Int!', 'airingAt: Int!', 'timeUntilAiring: Int!', 'episode: Int!', 'mediaId: Int!', 'media: Media'],
}

const ENUMS: Record<string, string[]> = {
  MediaType: ['ANIME', 'MANGA'],
  MediaFormat: ['TV', 'TV_SHORT', 'MOVIE', 'SPECIAL', 'OVA', 'ONA', 'MUSIC', 'MANGA', 'NOVEL', 'ONE_SHOT'],
  MediaStatus: ['FINISHED', 'RELEASING', 'NOT_YET_RELEASED', 'CANCELLED', 'HIATUS'],
  MediaSeason: ['WINTER', 'SPRING', 'SUMMER', 'FALL'],
  MediaSource: ['ORIGINAL', 'MANGA', 'LIGHT_NOVEL', 'VISUAL_NOVEL', 'VIDEO_GAME', 'OTHER', 'NOVEL', 'DOUJINSHI', 'ANIME', 'WEB_NOVEL', 'LIVE_ACTION', 'GAME', 'COMIC', 'MULTIMEDIA_PROJECT', 'PICTURE_BOOK'],
  MediaRelation: ['ADAPTATION', 'PREQUEL', 'SEQUEL', 'PARENT', 'SIDE_STORY', 'CHARACTER', 'SUMMARY', 'ALTERNATIVE', 'SPIN_OFF', 'OTHER', 'SOURCE', 'COMPILATION', 'CONTAINS'],
  MediaSort: [
    'ID', 'ID_DESC', 'TITLE_ROMAJI', 'TITLE_ROMAJI_DESC', 'TITLE_ENGLISH', 'TITLE_ENGLISH_DESC', 'TITLE_NATIVE', 'TITLE_NATIVE_DESC',
    'TYPE', 'TYPE_DESC', 'FORMAT', 'FORMAT_DESC', 'START_DATE', 'START_DATE_DESC', 'END_DATE', 'END_DATE_DESC', 'SCORE', 'SCORE_DESC',
    'POPULARITY', 'POPULARITY_DESC', 'TRENDING', 'TRENDING_DESC', 'EPISODES', 'EPISODES_DESC', 'DURATION', 'DURATION_DESC', 'STATUS',
    'STATUS_DESC', 'CHAPTERS', 'CHAPTERS_DESC', 'VOLUMES', 'VOLUMES_DESC', 'UPDATED_AT', 'UPDATED_AT_DESC', 'SEARCH_MATCH', 'FAVOURITES', 'FAVOURITES_DESC',
  ],
}

/** A field as one line; the long Media argument lists are checked on their own and shown as (…). */
function signature(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.length === 0 ? '' : field.args.length > 10 ? '(…)' : `(${field.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')})`
  return `${field.name}${args}: ${String(field.type)}`
}

describe('the catalog’s SDL', () => {
  const schema = buildSchema(loadSchemaSdl())

  it('parses, with the catalog’s scalars', () => {
    expect(isScalarType(schema.getType('FuzzyDateInt'))).toBe(true)
    expect(isScalarType(schema.getType('CountryCode'))).toBe(true)
  })

  for (const [typeName, expected] of Object.entries(FIELDS)) {
    it(`types every field of ${typeName} as AniList does`, () => {
      const type = schema.getType(typeName)
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`)
      expect(Object.values(type.getFields()).map(signature)).toEqual(expect.arrayContaining(expected))
    })
  }

  it('gives Query.Media and Page.media AniList’s arguments, with the same types', () => {
    const args = (field: GraphQLField<unknown, unknown> | undefined) => field!.args.map((a) => `${a.name}: ${String(a.type)}`)
    const media = args(schema.getQueryType()!.getFields().Media)
    const page = schema.getType('Page')
    if (!isObjectType(page)) throw new Error('Page is not an object type')
    expect(media).toEqual(expect.arrayContaining(MEDIA_ARGUMENTS))
    expect(args(page.getFields().media)).toEqual(media)
  })

  for (const [enumName, values] of Object.entries(ENUMS)) {
    it(`has every value of ${enumName}, in AniList’s order`, () => {
      const type = schema.getType(enumName)
      if (!isEnumType(type)) throw new Error(`${enumName} is not an enum`)
      expect(type.getValues().map((v) => v.name)).toEqual(values)
    })
  }

  it('marks seasonInt deprecated, as AniList does', () => {
    const media = schema.getType('Media')
    if (!isObjectType(media)) throw new Error('Media is not an object type')
    expect(media.getFields().seasonInt!.deprecationReason).toBeTruthy()
  })
})
