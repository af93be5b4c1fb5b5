/** The media module: the catalog's works, their titles, covers, relations, tags, links and filters, and the catalog's collections. */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, PAGE, values } from '../../server/list-sizes.js'
import { catalogMediaFields, catalogQuery } from './catalog-resolvers.js'
import { countMatchingMedia, mediaResolvers } from './resolvers.js'

/**
 * The relations a work is estimated to have before a query runs (the real number is charged as it
 * runs): most works have a handful; the longest franchises on AniList a few dozen.
 */
export const RELATIONS_ESTIMATE = 25

/** Estimates for the lists beside a work, before the real lengths are charged as they resolve. */
export const TAGS_ESTIMATE = 40
export const LINKS_ESTIMATE = 25
export const STREAMING_ESTIMATE = 50
export const TAG_COLLECTION_ESTIMATE = 500

export const mediaModule: GraphqlModule = {
  name: 'media',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(mediaResolvers, { Query: catalogQuery, Media: catalogMediaFields }),
  pageCounters: { media: countMatchingMedia },
  listRules: {
    'Page.media': PAGE,
    'MediaConnection.edges': PAGE,
    'MediaConnection.nodes': PAGE,
    'Media.genres': values("the work's genres, from the catalog the operator imported"),
    'Media.synonyms': values("the work's other titles, from the catalog the operator imported"),
    'Media.tags': most(TAGS_ESTIMATE, "the work's tags: AniList's busiest works carry a few dozen; charged by its real length as it runs"),
    'Media.externalLinks': most(LINKS_ESTIMATE, "the work's links: a few dozen at most on AniList; charged by its real length as it runs"),
    'Media.streamingEpisodes': most(STREAMING_ESTIMATE, "the work's streaming episodes: the long-running series have hundreds; charged by its real length as it runs"),
    'Query.GenreCollection': values('the genres of the catalog: a few dozen names'),
    'Query.MediaTagCollection': most(TAG_COLLECTION_ESTIMATE, "AniList's tag list (about 400 tags); charged by its real length as it runs"),
    'Query.ExternalLinkSourceCollection': most(LINKS_ESTIMATE * 4, 'one per linked site, a few hundred at most; charged by its real length as it runs'),
  },
  scopeOpeners: { 'Media.relations': () => ({ page: RELATIONS_ESTIMATE }) },
}
