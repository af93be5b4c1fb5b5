/** The follows module: ToggleFollow, User.isFollowing / isFollower, Query.Following / Follower, Page.following / followers. */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE } from '../../server/list-sizes.js'
import { followCounter, followResolvers } from './resolvers.js'

export const followsModule: GraphqlModule = {
  name: 'follows',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(followResolvers),
  pageCounters: { following: followCounter('following'), followers: followCounter('followers') },
  listRules: {
    'Page.following': PAGE,
    'Page.followers': PAGE,
  },
}
