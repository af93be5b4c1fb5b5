/**
 * The community module: SiteStatistics, the viewer's AniChart data, and the moderation and submission
 * types (moderation.graphql), which nothing on Query or Mutation reaches, as on AniList's public schema:
 * they are declared for parity, and their list fields have a size of 0 because no field ever resolves them.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, pageOf, PAGE, type ListRule } from '../../server/list-sizes.js'
import { SITE_TREND_FIELDS } from '../../../community/statistics/site-trends.js'
import { MAX_SITE_TRENDS_PER_PAGE, siteStatisticsResolvers } from './site-statistics.js'
import { aniChartResolvers } from './anichart.js'

const UNREACHED = most(0, 'unreachable: nothing on Query or Mutation leads to InternalPage or the submission types')

/** Every list field of moderation.graphql. */
const MODERATION_LISTS = [
  ...['mediaSubmissions', 'characterSubmissions', 'staffSubmissions', 'revisionHistory', 'reports', 'modActions', 'userBlockSearch', 'users', 'media', 'characters', 'staff', 'studios', 'mediaList', 'airingSchedules', 'mediaTrends', 'notifications', 'followers', 'following', 'activities', 'activityReplies', 'likes', 'reviews', 'recommendations', 'threads', 'threadComments'].map((f) => `InternalPage.${f}`),
  ...['changes', 'characters', 'staff', 'studios', 'relations', 'externalLinks'].map((f) => `MediaSubmission.${f}`),
  'UserModData.alts',
  'CharacterSubmissionConnection.edges',
  'CharacterSubmissionConnection.nodes',
  'CharacterSubmissionEdge.voiceActors',
  'CharacterSubmissionEdge.submittedVoiceActors',
]

export const communityModule: GraphqlModule = {
  name: 'community',
  sdl: `${readModuleSdl(import.meta.url)}\n\n${readModuleSdl(import.meta.url, 'moderation.graphql')}`,
  resolvers: mergeResolvers(siteStatisticsResolvers, aniChartResolvers),
  listRules: {
    'SiteTrendConnection.edges': PAGE,
    'SiteTrendConnection.nodes': PAGE,
    ...Object.fromEntries(MODERATION_LISTS.map((key): [string, ListRule] => [key, key === 'MediaSubmission.changes' ? { kind: 'values', bound: UNREACHED.bound } : UNREACHED])),
  },
  scopeOpeners: Object.fromEntries(SITE_TREND_FIELDS.map((field) => [`SiteStatistics.${field}`, pageOf(MAX_SITE_TRENDS_PER_PAGE)])),
}
