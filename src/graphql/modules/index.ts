/**
 * Every GraphQL module Kiroku serves, in order: a module may use the types, loaders and resolvers of
 * the modules above it, never of those below. A new domain is a folder here (schema.graphql, its
 * resolvers and loaders, an index.ts exporting its GraphqlModule) and one line of this list.
 */
import type { GraphqlModule } from '../server/module.js'
import { baseModule } from './base/index.js'
import { usersModule } from './users/index.js'
import { mediaModule } from './media/index.js'
import { studiosModule } from './studios/index.js'
import { airingModule } from './airing/index.js'
import { peopleModule } from './people/index.js'
import { listsModule } from './lists/index.js'
import { statisticsModule } from './statistics/index.js'
import { trendsModule } from './trends/index.js'
import { favouritesModule } from './favourites/index.js'
import { settingsModule } from './settings/index.js'
import { markdownModule } from './markdown/index.js'
import { followsModule } from './follows/index.js'
import { notificationsModule } from './notifications/index.js'
import { activitiesModule } from './activities/index.js'
import { reviewsModule } from './reviews/index.js'
import { recommendationsModule } from './recommendations/index.js'
import { forumModule } from './forum/index.js'
import { communityModule } from './community/index.js'

export const GRAPHQL_MODULES: readonly GraphqlModule[] = [
  baseModule, usersModule, mediaModule, studiosModule, airingModule, peopleModule, listsModule, statisticsModule, trendsModule, favouritesModule, settingsModule, markdownModule, followsModule, notificationsModule, activitiesModule, reviewsModule, recommendationsModule, forumModule, communityModule,
]
