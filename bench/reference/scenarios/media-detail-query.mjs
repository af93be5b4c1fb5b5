// The anime page's query (also bench/media-detail.mjs's) (titles, cover, studios, tags, relations, 25
// characters with their Japanese voice actors, staff, next episode, rankings, stats), and the check
// that an answer carries the catalog's people (catalog.mjs gives every work 12 characters, 8 staff).
export const MEDIA_DETAIL_QUERY = `
query media($id: Int) {
  Media(id: $id, type: ANIME) {
    id title { romaji english native userPreferred } coverImage { extraLarge large color } bannerImage
    format status episodes duration season seasonYear startDate { year month day } genres
    description(asHtml: true) averageScore meanScore popularity favourites isFavourite siteUrl
    studios { edges { isMain node { id name siteUrl } } }
    tags { id name rank category isMediaSpoiler }
    relations { edges { relationType(version: 2) node { id title { userPreferred } format type status coverImage { large } } } }
    characters(sort: [ROLE, RELEVANCE, ID], perPage: 25) {
      pageInfo { total hasNextPage }
      edges { role node { id name { full native userPreferred } image { large } } voiceActors(language: JAPANESE, sort: [RELEVANCE, ID]) { id name { full native } image { large } } }
    }
    staff(sort: [RELEVANCE, ID], perPage: 25) { edges { role node { id name { full } image { large } } } }
    nextAiringEpisode { airingAt timeUntilAiring episode }
    rankings { rank type context allTime year season }
    stats { scoreDistribution { score amount } statusDistribution { status amount } }
  }
}`

export function checkMediaDetail(data) {
  const media = data.Media
  if (media.characters.edges.length !== 12 || media.staff.edges.length !== 8 || media.studios.edges.length !== 2) {
    throw new Error(`media ${media.id}: the answer lacks the imported people or studios`)
  }
  if (media.rankings.length === 0) throw new Error(`media ${media.id}: no rankings`)
}
