/** The users module: accounts and their profiles, options and lists of users. */
import { readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, PAGE } from '../../server/list-sizes.js'
import { MAX_PREVIOUS_NAMES_LISTED } from '../../../accounts/previous-names.js'
import { countUsers, LIST_STATUSES, NOTIFICATION_TYPES, userResolvers } from './resolvers.js'

export const usersModule: GraphqlModule = {
  name: 'users',
  sdl: readModuleSdl(import.meta.url),
  resolvers: userResolvers,
  pageCounters: { users: countUsers },
  listRules: {
    'Page.users': PAGE,
    'User.moderatorRoles': most(1, 'COMMUNITY for a moderator, null for everyone else'),
    'User.previousNames': most(MAX_PREVIOUS_NAMES_LISTED, 'the newest names a user gave up, at most MAX_PREVIOUS_NAMES_LISTED'),
    'UserOptions.notificationOptions': most(NOTIFICATION_TYPES.length, 'one per kind of notification'),
    'UserOptions.disabledListActivity': most(LIST_STATUSES.length, 'one per list status'),
  },
}
