/** The media module: the catalog's works, their titles, covers, relations and filters. */
import { readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE, values } from '../../server/list-sizes.js'
import { countMatchingMedia, mediaResolvers } from './resolvers.js'

/**
 * The relations a work is estimated to have before a query runs (the real number is charged as it
 * runs): most works have a handful; the longest franchises on AniList a few dozen.
 */
export const RELATIONS_ESTIMATE = 25

export const mediaModule: GraphqlModule = {
  name: 'media',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mediaResolvers,
  pageCounters: { media: countMatchingMedia },
  listRules: {
    'Page.media': PAGE,
    'MediaConnection.edges': PAGE,
    'MediaConnection.nodes': PAGE,
    'Media.genres': values("the work's genres, from the catalog the operator imported"),
    'Media.synonyms': values("the work's other titles, from the catalog the operator imported"),
  },
  scopeOpeners: { 'Media.relations': () => ({ page: RELATIONS_ESTIMATE }) },
}
