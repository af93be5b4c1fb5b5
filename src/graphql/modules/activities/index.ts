/**
 * The activities module: list, text and message activities, their replies, likes and subscriptions
 * (issue 14's social layer), over social/. Registered last: it uses the users and media modules.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, PAGE } from '../../server/list-sizes.js'
import { MAX_ACTIVITY_REPLIES } from '../../../social/reply-store.js'
import { MAX_LISTED_LIKERS } from '../../../social/likes.js'
import { activityResolvers, notificationActivityResolvers, countMatchingActivities, countMatchingLikers, countMatchingReplies } from './resolvers.js'
import { mutationResolvers } from './mutation-resolvers.js'

const replies = most(MAX_ACTIVITY_REPLIES, `an activity's first ${MAX_ACTIVITY_REPLIES} replies (social/reply-store.ts)`)
const likers = most(MAX_LISTED_LIKERS, `an item's newest ${MAX_LISTED_LIKERS} likers (social/likes.ts)`)

export const activitiesModule: GraphqlModule = {
  name: 'activities',
  sdl: `${readModuleSdl(import.meta.url)}\n\n${readModuleSdl(import.meta.url, 'notification-fields.graphql')}`,
  resolvers: mergeResolvers(activityResolvers, mutationResolvers, notificationActivityResolvers),
  pageCounters: { activities: countMatchingActivities, activityReplies: countMatchingReplies, likes: countMatchingLikers },
  listRules: {
    'Page.activities': PAGE,
    'Page.activityReplies': PAGE,
    'Page.likes': PAGE,
    'ListActivity.replies': replies,
    'TextActivity.replies': replies,
    'MessageActivity.replies': replies,
    'ListActivity.likes': likers,
    'TextActivity.likes': likers,
    'MessageActivity.likes': likers,
    'ActivityReply.likes': likers,
    'Mutation.ToggleLike': likers,
  },
}
