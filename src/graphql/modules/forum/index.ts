/**
 * The forum module: threads, categories, nested comments, subscriptions, the forum's members of
 * LikeableUnion and its five notifications, over community/forum/. Registered after activities, whose
 * like loaders and mutations (ToggleLike, with THREAD and THREAD_COMMENT) it shares.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, PAGE } from '../../server/list-sizes.js'
import { MAX_LISTED_LIKERS } from '../../../social/likes.js'
import { MAX_CATEGORIES, MAX_MEDIA_CATEGORIES } from '../../../community/forum/forum-actions.js'
import { countMatchingComments, countMatchingThreads, forumResolvers, MAX_QUERIED_COMMENTS } from './resolvers.js'
import { forumMutationResolvers } from './mutation-resolvers.js'

const likers = most(MAX_LISTED_LIKERS, `an item's newest ${MAX_LISTED_LIKERS} likers (social/likes.ts)`)

export const forumModule: GraphqlModule = {
  name: 'forum',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(forumResolvers, forumMutationResolvers),
  pageCounters: { threads: countMatchingThreads, threadComments: countMatchingComments },
  listRules: {
    'Page.threads': PAGE,
    'Page.threadComments': PAGE,
    'Query.ThreadComment': most(MAX_QUERIED_COMMENTS, `at most ${MAX_QUERIED_COMMENTS} comments, unpaged (forum/resolvers.ts)`),
    'Thread.likes': likers,
    'ThreadComment.likes': likers,
    'Thread.categories': most(MAX_CATEGORIES, `a thread's categories, at most ${MAX_CATEGORIES} (community/forum/forum-actions.ts)`),
    'Thread.mediaCategories': most(MAX_MEDIA_CATEGORIES, `a thread's works, at most ${MAX_MEDIA_CATEGORIES} (community/forum/forum-actions.ts)`),
  },
}
