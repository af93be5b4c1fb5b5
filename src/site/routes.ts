/**
 * The site's pages: browsing, media and people pages, profiles, list editing, settings and the
 * explorer. Each area registers its own routes; this file only lists them. Routes parse, call the
 * domain modules and render a template; they hold no rules of their own.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { registerSettingsRoutes } from './settings/routes.js'

export function registerSiteRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  registerSettingsRoutes(app, ctx, sessions)
}
