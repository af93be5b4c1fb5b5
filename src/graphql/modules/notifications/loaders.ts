/** The notifications module's loader: each user's unread count, one query per request. */
import { unreadCounts } from '../../../social/notification-store.js'
import { defineLoader } from '../../server/loaders.js'

/** How many unread notifications each user has (User.unreadNotificationCount). */
export const unreadNotifications = defineLoader<number, number>('unreadNotifications', (ids, loaders) => unreadCounts(loaders.db, ids))
