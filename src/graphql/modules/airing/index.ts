/** The airing module: when episodes air (AiringSchedule), a work's schedule and next episode, and the airing queries. */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE, pageOf } from '../../server/list-sizes.js'
import { airingResolvers, countMatchingAiring } from './resolvers.js'
import { MAX_AIRING_PER_PAGE } from './loaders.js'

export const airingModule: GraphqlModule = {
  name: 'airing',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(airingResolvers),
  pageCounters: { airingSchedules: countMatchingAiring },
  listRules: {
    'Page.airingSchedules': PAGE,
    'AiringScheduleConnection.edges': PAGE,
    'AiringScheduleConnection.nodes': PAGE,
  },
  scopeOpeners: { 'Media.airingSchedule': pageOf(MAX_AIRING_PER_PAGE) },
}
