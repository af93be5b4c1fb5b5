/**
 * The GraphQL documents `kiroku pull user` sends: who the user is with the list options that give
 * their entries meaning, their lists chunk by chunk, their favourites page by page, and the
 * favourite characters, staff and studios by id (those a media pull does not bring).
 * Scores are asked raw (POINT_100) so that no format's rounding is copied; advanced scores are only
 * served in the owner's format, so they are turned back into raw scores with it (pull-user.ts).
 */
import { CHARACTER_FIELDS, STAFF_FIELDS } from './queries.js'

const USER_FIELDS = `
  id name
  mediaListOptions {
    scoreFormat
    animeList { customLists advancedScoring advancedScoringEnabled }
    mangaList { customLists advancedScoring advancedScoringEnabled }
  }`

/** A user by name (public data). */
export const USER_BY_NAME = `
query KirokuPullUser($name: String) {
  User(name: $name) {${USER_FIELDS}
  }
}`

/** The user the token belongs to. */
export const VIEWER = `
query KirokuPullViewer {
  Viewer {${USER_FIELDS}
  }
}`

/** Entries per chunk: AniList's largest. */
export const PER_CHUNK = 500

/** One chunk of one type's list. An entry on custom lists shows up once per list it is on. */
export const LIST_CHUNK = `
query KirokuPullList($userId: Int, $type: MediaType, $chunk: Int, $perChunk: Int) {
  MediaListCollection(userId: $userId, type: $type, chunk: $chunk, perChunk: $perChunk, sort: [MEDIA_ID]) {
    hasNextChunk
    lists {
      entries {
        mediaId status score(format: POINT_100) progress progressVolumes repeat priority private notes
        hiddenFromStatusLists customLists(asArray: true) advancedScores
        startedAt { year month day } completedAt { year month day } createdAt updatedAt
      }
    }
  }
}`

/** The five kinds of favourites, in AniList's field names, in the order they are pulled. */
export const FAVOURITE_KINDS = [
  { field: 'anime', type: 'ANIME' },
  { field: 'manga', type: 'MANGA' },
  { field: 'characters', type: 'CHARACTER' },
  { field: 'staff', type: 'STAFF' },
  { field: 'studios', type: 'STUDIO' },
] as const

export const FAVOURITES_PER_PAGE = 25

/** One page of one kind of favourite, ids only, in the user's order. */
export function favouritesQuery(field: (typeof FAVOURITE_KINDS)[number]['field']): string {
  return `
query KirokuPullFavourites($id: Int, $page: Int, $perPage: Int) {
  User(id: $id) {
    favourites {
      ${field}(page: $page, perPage: $perPage) { pageInfo { hasNextPage } nodes { id } }
    }
  }
}`
}

/** Up to 50 characters, staff or studios by id, in the shapes the importer reads; one kind a request. */
export const BY_IDS = {
  CHARACTER: `
query KirokuPullCharacters($ids: [Int]) {
  Page(perPage: 50) {
    characters(id_in: $ids) {${CHARACTER_FIELDS}
    }
  }
}`,
  STAFF: `
query KirokuPullStaff($ids: [Int]) {
  Page(perPage: 50) {
    staff(id_in: $ids) {${STAFF_FIELDS}
    }
  }
}`,
  STUDIO: `
query KirokuPullStudios($ids: [Int]) {
  Page(perPage: 50) {
    studios(id_in: $ids) { id name isAnimationStudio }
  }
}`,
} as const
