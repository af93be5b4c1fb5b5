/**
 * The GraphQL documents `kiroku pull media` sends: everything the media world stores, in the shapes
 * `kiroku import` reads (src/people/import/anilist-import.ts), so that a pulled answer and a saved
 * file go through one reader. Rankings are left out: this server ranks its own catalog. Works come 50
 * to a request; their casts, staff and airing schedules (25 to a page) are asked work by work, since
 * 50 casts with their voice actors in one answer is past what a remote's cost limit allows (Kiroku
 * refuses it, and so does AniList's complexity limit). A remote that finds even these too costly gets
 * smaller batches and pages (fetch-media.ts).
 */

/** A person's fields, as the people importer reads them. */
export const STAFF_FIELDS = `
  id name { first middle last full native alternative } languageV2 image { large medium } description
  primaryOccupations gender dateOfBirth { year month day } dateOfDeath { year month day } age yearsActive
  homeTown bloodType isFavouriteBlocked`

export const CHARACTER_FIELDS = `
  id name { first middle last full native alternative alternativeSpoiler } image { large medium } description
  gender dateOfBirth { year month day } age bloodType isFavouriteBlocked`

/** The alias a dub's voice actors come under in an answer (pull merges them into voiceActorRoles). */
export const dubAlias = (language: string) => `dub_${language}`

/**
 * One page of a work's cast, crew and airings (the parts AniList pages), with the voice actors of
 * each language in `languages` (a character's voice actors are one language per question).
 * voiceActorRoles carries the voice actors with their notes, so voiceActors would only ask twice.
 */
function pagedParts(languages: readonly string[]): string {
  const dubs = languages.map((language) => `${dubAlias(language)}: voiceActorRoles(language: ${language}) { roleNotes dubGroup voiceActor { ...pullStaff } }`)
  return `
  characters(page: $page, perPage: $perPage) {
    pageInfo { hasNextPage }
    edges {
      role name
      node { ...pullCharacter }
      ${dubs.join('\n      ')}
    }
  }
  staff(page: $page, perPage: $perPage) { pageInfo { hasNextPage } edges { role node { ...pullStaff } } }
  airingSchedule(page: $page, perPage: $perPage) { pageInfo { hasNextPage } nodes { id episode airingAt } }`
}

const FRAGMENTS = `
fragment pullStaff on Staff {${STAFF_FIELDS}
}
fragment pullCharacter on Character {${CHARACTER_FIELDS}
}`

/** Up to 50 works by id, with all their fields but the paged ones. */
export const MEDIA_BY_IDS = `
query KirokuPullMedia($ids: [Int]) {
  Page(perPage: 50) {
    media(id_in: $ids) {
      id idMal type format status(version: 2) source(version: 3)
      title { romaji english native }
      description startDate { year month day } endDate { year month day } season seasonYear
      episodes duration chapters volumes countryOfOrigin isLicensed hashtag updatedAt
      coverImage { extraLarge large medium color } bannerImage trailer { id site thumbnail }
      genres synonyms averageScore meanScore popularity favourites trending
      isAdult isLocked isFavouriteBlocked isRecommendationBlocked isReviewBlocked
      tags { id name description category rank isGeneralSpoiler isMediaSpoiler isAdult }
      studios { edges { isMain node { id name isAnimationStudio } } }
      relations { edges { id relationType(version: 2) node { id type } } }
      externalLinks { id url site siteId type language color icon notes isDisabled }
      streamingEpisodes { title thumbnail url site }
      nextAiringEpisode { id episode airingAt }
    }
  }
}`

/** One page of one work's cast, crew and airings, with the voice actors of `languages` (StaffLanguage values). */
export function mediaPageQuery(languages: readonly string[]): string {
  return `
query KirokuPullMediaPage($id: Int, $page: Int, $perPage: Int) {
  Media(id: $id) {
    id
    ${pagedParts(languages)}
  }
}
${FRAGMENTS}`
}

/** The ids of a page of works found by search, season or popularity (then pulled in detail by id). */
export const MEDIA_IDS = `
query KirokuPullFind($page: Int, $perPage: Int, $search: String, $season: MediaSeason, $seasonYear: Int, $type: MediaType, $sort: [MediaSort]) {
  Page(page: $page, perPage: $perPage) {
    pageInfo { hasNextPage }
    media(search: $search, season: $season, seasonYear: $seasonYear, type: $type, sort: $sort) { id }
  }
}`
