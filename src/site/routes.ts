/**
 * The site's pages: browsing, media and people pages, profiles, list editing, settings and the
 * explorer. Each area registers its own routes; this file only lists them. Routes parse, call the
 * domain modules and render a template; they hold no rules of their own.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { registerBrowseRoutes } from './browse/routes.js'
import { registerEditorRoutes } from './editor/routes.js'
import { registerMediaRoutes } from './media/routes.js'
import { registerProfileRoutes } from './profile/routes.js'
import { registerMalXmlRoutes } from './mal-xml/routes.js'
import { registerExplorerRoutes } from './explorer/routes.js'
import { registerSettingsRoutes } from './settings/routes.js'
import { registerSocialRoutes } from './social/routes.js'
import { registerActivityRoutes } from './social/activity-routes.js'
import { registerReviewRoutes } from './community/review-routes.js'
import { registerRecommendationRoutes } from './community/recommendation-routes.js'
import { registerForumRoutes } from './forum/routes.js'
import { registerModerationRoutes } from './moderation/routes.js'
import { registerReportRoutes } from './moderation/report-routes.js'
import { flashes } from './flash.js'

export function registerSiteRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  // A page reached by a Post/Redirect/Get takes its one-time message here, whichever area made it;
  // the layout shows it (web/views.ts).
  const flash = flashes(ctx.config.publicUrl)
  app.decorateRequest('flash', null)
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET') request.flash = flash.take(request, reply)
  })
  registerBrowseRoutes(app, ctx, sessions)
  registerMediaRoutes(app, ctx, sessions)
  registerProfileRoutes(app, ctx, sessions)
  registerEditorRoutes(app, ctx, sessions)
  registerMalXmlRoutes(app, ctx, sessions)
  registerExplorerRoutes(app, ctx, sessions)
  registerSettingsRoutes(app, ctx, sessions)
  registerSocialRoutes(app, ctx, sessions)
  registerActivityRoutes(app, ctx, sessions)
  registerReviewRoutes(app, ctx, sessions)
  registerRecommendationRoutes(app, ctx, sessions)
  registerForumRoutes(app, ctx, sessions)
  registerModerationRoutes(app, ctx, sessions)
  registerReportRoutes(app, ctx, sessions)
}
