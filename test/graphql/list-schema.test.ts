import { buildSchema, isEnumType, isInputObjectType, isObjectType, isScalarType, type GraphQLArgument, type GraphQLField } from 'graphql'
import { describe, expect, it } from 'vitest'
import { loadSchemaSdl } from '../../src/graphql/schema.js'
import { entryOrder } from '../../src/lists/entry-query.js'

/**
 * The lists' part of the contract: AniList's names and types for every type, field and argument the
 * list tracking adds, written out here (they must match AniList's published schema exactly).
 */
const LIST_FILTER = [
  'id: Int', 'userId: Int', 'userName: String', 'type: MediaType', 'status: MediaListStatus', 'mediaId: Int', 'isFollowing: Boolean',
  'notes: String', 'startedAt: FuzzyDateInt', 'completedAt: FuzzyDateInt', 'compareWithAuthList: Boolean', 'userId_in: [Int]',
  'status_in: [MediaListStatus]', 'status_not_in: [MediaListStatus]', 'status_not: MediaListStatus', 'mediaId_in: [Int]',
  'mediaId_not_in: [Int]', 'notes_like: String', 'startedAt_greater: FuzzyDateInt', 'startedAt_lesser: FuzzyDateInt',
  'startedAt_like: String', 'completedAt_greater: FuzzyDateInt', 'completedAt_lesser: FuzzyDateInt', 'completedAt_like: String',
  'sort: [MediaListSort]',
]

const COLLECTION_ARGS = [
  'userId: Int', 'userName: String', 'type: MediaType', 'status: MediaListStatus', 'notes: String', 'startedAt: FuzzyDateInt',
  'completedAt: FuzzyDateInt', 'forceSingleCompletedList: Boolean', 'chunk: Int', 'perChunk: Int', 'status_in: [MediaListStatus]',
  'status_not_in: [MediaListStatus]', 'status_not: MediaListStatus', 'notes_like: String', 'startedAt_greater: FuzzyDateInt',
  'startedAt_lesser: FuzzyDateInt', 'startedAt_like: String', 'completedAt_greater: FuzzyDateInt', 'completedAt_lesser: FuzzyDateInt',
  'completedAt_like: String', 'sort: [MediaListSort]',
]

const ENTRY_ARGS = [
  'status: MediaListStatus', 'score: Float', 'scoreRaw: Int', 'progress: Int', 'progressVolumes: Int', 'repeat: Int', 'priority: Int',
  'private: Boolean', 'notes: String', 'hiddenFromStatusLists: Boolean',
]

const SAVE_ARGS = ['id: Int', 'mediaId: Int', ...ENTRY_ARGS, 'customLists: [String]', 'advancedScores: [Float]', 'startedAt: FuzzyDateInput', 'completedAt: FuzzyDateInput']
const UPDATE_ARGS = [...ENTRY_ARGS, 'advancedScores: [Float]', 'startedAt: FuzzyDateInput', 'completedAt: FuzzyDateInput', 'ids: [Int]']

const BREAKDOWN = (name: string, type: string) => `${name}(limit: Int, sort: [UserStatisticsSort]): [${type}]`
const ROW = ['count: Int!', 'meanScore: Float!', 'minutesWatched: Int!', 'chaptersRead: Int!', 'mediaIds: [Int]!']

const FIELDS: Record<string, string[]> = {
  MediaList: [
    'id: Int!', 'userId: Int!', 'mediaId: Int!', 'status: MediaListStatus', 'score(format: ScoreFormat): Float', 'progress: Int',
    'progressVolumes: Int', 'repeat: Int', 'priority: Int', 'private: Boolean', 'notes: String', 'hiddenFromStatusLists: Boolean',
    'customLists(asArray: Boolean): Json', 'advancedScores: Json', 'startedAt: FuzzyDate', 'completedAt: FuzzyDate', 'updatedAt: Int',
    'createdAt: Int', 'media: Media', 'user: User',
  ],
  MediaListCollection: ['lists: [MediaListGroup]', 'user: User', 'hasNextChunk: Boolean', 'statusLists(asArray: Boolean): [[MediaList]]', 'customLists(asArray: Boolean): [[MediaList]]'],
  MediaListGroup: ['entries: [MediaList]', 'name: String', 'isCustomList: Boolean', 'isSplitCompletedList: Boolean', 'status: MediaListStatus'],
  Deleted: ['deleted: Boolean'],
  Media: ['mediaListEntry: MediaList'],
  User: ['statistics: UserStatisticTypes'],
  UserStatisticTypes: ['anime: UserStatistics', 'manga: UserStatistics'],
  UserStatistics: [
    'count: Int!', 'meanScore: Float!', 'standardDeviation: Float!', 'minutesWatched: Int!', 'episodesWatched: Int!', 'chaptersRead: Int!', 'volumesRead: Int!',
    BREAKDOWN('formats', 'UserFormatStatistic'), BREAKDOWN('statuses', 'UserStatusStatistic'), BREAKDOWN('scores', 'UserScoreStatistic'),
    BREAKDOWN('lengths', 'UserLengthStatistic'), BREAKDOWN('releaseYears', 'UserReleaseYearStatistic'), BREAKDOWN('startYears', 'UserStartYearStatistic'),
    BREAKDOWN('genres', 'UserGenreStatistic'), BREAKDOWN('tags', 'UserTagStatistic'), BREAKDOWN('countries', 'UserCountryStatistic'),
    BREAKDOWN('voiceActors', 'UserVoiceActorStatistic'), BREAKDOWN('staff', 'UserStaffStatistic'), BREAKDOWN('studios', 'UserStudioStatistic'),
  ],
  UserFormatStatistic: [...ROW, 'format: MediaFormat'],
  UserStatusStatistic: [...ROW, 'status: MediaListStatus'],
  UserScoreStatistic: [...ROW, 'score: Int'],
  UserLengthStatistic: [...ROW, 'length: String'],
  UserReleaseYearStatistic: [...ROW, 'releaseYear: Int'],
  UserStartYearStatistic: [...ROW, 'startYear: Int'],
  UserGenreStatistic: [...ROW, 'genre: String'],
  UserTagStatistic: ROW,
  UserCountryStatistic: [...ROW, 'country: CountryCode'],
  UserVoiceActorStatistic: [...ROW, 'characterIds: [Int]!'],
  UserStaffStatistic: ROW,
  UserStudioStatistic: ROW,
}

const ENUMS: Record<string, string[]> = {
  MediaListStatus: ['CURRENT', 'PLANNING', 'COMPLETED', 'DROPPED', 'PAUSED', 'REPEATING'],
  ScoreFormat: ['POINT_100', 'POINT_10_DECIMAL', 'POINT_10', 'POINT_5', 'POINT_3'],
  MediaListSort: [
    'MEDIA_ID', 'MEDIA_ID_DESC', 'SCORE', 'SCORE_DESC', 'STATUS', 'STATUS_DESC', 'PROGRESS', 'PROGRESS_DESC', 'PROGRESS_VOLUMES',
    'PROGRESS_VOLUMES_DESC', 'REPEAT', 'REPEAT_DESC', 'PRIORITY', 'PRIORITY_DESC', 'STARTED_ON', 'STARTED_ON_DESC', 'FINISHED_ON',
    'FINISHED_ON_DESC', 'ADDED_TIME', 'ADDED_TIME_DESC', 'UPDATED_TIME', 'UPDATED_TIME_DESC', 'MEDIA_TITLE_ROMAJI',
    'MEDIA_TITLE_ROMAJI_DESC', 'MEDIA_TITLE_ENGLISH', 'MEDIA_TITLE_ENGLISH_DESC', 'MEDIA_TITLE_NATIVE', 'MEDIA_TITLE_NATIVE_DESC',
    'MEDIA_POPULARITY', 'MEDIA_POPULARITY_DESC',
  ],
  UserStatisticsSort: ['ID', 'ID_DESC', 'COUNT', 'COUNT_DESC', 'PROGRESS', 'PROGRESS_DESC', 'MEAN_SCORE', 'MEAN_SCORE_DESC'],
}

const arg = (a: GraphQLArgument) => `${a.name}: ${String(a.type)}`
const signature = (field: GraphQLField<unknown, unknown>) => `${field.name}${field.args.length ? `(${field.args.map(arg).join(', ')})` : ''}: ${String(field.type)}`

function objectType(schema: ReturnType<typeof buildSchema>, name: string) {
  const type = schema.getType(name)
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`)
  return type
}

describe('the lists’ SDL', () => {
  const schema = buildSchema(loadSchemaSdl())

  it('has the Json scalar and FuzzyDateInput', () => {
    expect(isScalarType(schema.getType('Json'))).toBe(true)
    const input = schema.getType('FuzzyDateInput')
    if (!isInputObjectType(input)) throw new Error('FuzzyDateInput is not an input type')
    expect(Object.values(input.getFields()).map((f) => `${f.name}: ${String(f.type)}`)).toEqual(['year: Int', 'month: Int', 'day: Int'])
  })

  for (const [typeName, expected] of Object.entries(FIELDS)) {
    it(`types every field of ${typeName} as AniList does`, () => {
      expect(Object.values(objectType(schema, typeName).getFields()).map(signature)).toEqual(expect.arrayContaining(expected))
    })
  }

  it('gives the list queries AniList’s arguments, with the same types', () => {
    const query = objectType(schema, 'Query').getFields()
    expect(query.MediaList!.args.map(arg)).toEqual(LIST_FILTER)
    expect(String(query.MediaList!.type)).toBe('MediaList')
    expect(objectType(schema, 'Page').getFields().mediaList!.args.map(arg)).toEqual(LIST_FILTER)
    expect(String(objectType(schema, 'Page').getFields().mediaList!.type)).toBe('[MediaList]')
    expect(query.MediaListCollection!.args.map(arg)).toEqual(COLLECTION_ARGS)
    expect(String(query.MediaListCollection!.type)).toBe('MediaListCollection')
  })

  it('gives Media and Page.media the onList argument', () => {
    expect(objectType(schema, 'Query').getFields().Media!.args.map(arg)).toContain('onList: Boolean')
    expect(objectType(schema, 'Page').getFields().media!.args.map(arg)).toContain('onList: Boolean')
  })

  it('declares the list mutations as AniList does', () => {
    const mutation = schema.getMutationType()!.getFields()
    expect(signature(mutation.SaveMediaListEntry!)).toBe(`SaveMediaListEntry(${SAVE_ARGS.join(', ')}): MediaList`)
    expect(signature(mutation.UpdateMediaListEntries!)).toBe(`UpdateMediaListEntries(${UPDATE_ARGS.join(', ')}): [MediaList]`)
    expect(signature(mutation.DeleteMediaListEntry!)).toBe('DeleteMediaListEntry(id: Int): Deleted')
  })

  for (const [enumName, values] of Object.entries(ENUMS)) {
    it(`has every value of ${enumName}, in AniList’s order`, () => {
      const type = schema.getType(enumName)
      if (!isEnumType(type)) throw new Error(`${enumName} is not an enum`)
      expect(type.getValues().map((v) => v.name)).toEqual(values)
    })
  }

  it('orders entries by every MediaListSort value it declares (more than the id that breaks ties)', () => {
    const type = schema.getType('MediaListSort')
    if (!isEnumType(type)) throw new Error('MediaListSort is not an enum')
    const unordered = type.getValues().map((v) => v.name).filter((sort) => entryOrder([sort]).length < 2)
    expect(unordered).toEqual([])
  })

  it('marks the collection’s statusLists and customLists deprecated, as AniList does', () => {
    const fields = objectType(schema, 'MediaListCollection').getFields()
    expect(fields.statusLists!.deprecationReason).toBeTruthy()
    expect(fields.customLists!.deprecationReason).toBeTruthy()
  })
})
