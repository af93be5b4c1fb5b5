/**
 * The notifications module: NotificationUnion and its types, Page.notifications, Query.Notification
 * and User.unreadNotificationCount. The activity types' `activity` and `message` fields are the
 * activities module's (`extend type`), as activities are registered after this module.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE, values } from '../../server/list-sizes.js'
import { countViewerNotifications, notificationResolvers } from './resolvers.js'

export const notificationsModule: GraphqlModule = {
  name: 'notifications',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(notificationResolvers),
  pageCounters: { notifications: countViewerNotifications },
  listRules: {
    'Page.notifications': PAGE,
    'AiringNotification.contexts': values('always three words'),
    'MediaMergeNotification.deletedMediaTitles': values('the titles of the works one merge removed'),
  },
}
