/** The studios module: Studio, a work's studios, a studio's works, and the studio queries. */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE, pageOf } from '../../server/list-sizes.js'
import { countMatchingStudios, studioResolvers } from './resolvers.js'
import { MAX_STUDIO_MEDIA_PER_PAGE } from './loaders.js'

/** The studios a work is estimated to have before a query runs (the real number is charged as it runs): a handful, a dozen or two with every producer. */
export const STUDIOS_ESTIMATE = 25

export const studiosModule: GraphqlModule = {
  name: 'studios',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(studioResolvers),
  pageCounters: { studios: countMatchingStudios },
  listRules: {
    'Page.studios': PAGE,
    'StudioConnection.edges': PAGE,
    'StudioConnection.nodes': PAGE,
  },
  scopeOpeners: { 'Media.studios': () => ({ page: STUDIOS_ESTIMATE }), 'Studio.media': pageOf(MAX_STUDIO_MEDIA_PER_PAGE) },
}
