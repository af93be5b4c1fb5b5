/** The browse area: the home page and its +1, and the anime and manga search pages. */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { registerHomeRoutes } from '../home/routes.js'
import { registerSearchRoutes } from './search-routes.js'

export function registerBrowseRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  registerHomeRoutes(app, ctx, sessions)
  registerSearchRoutes(app, ctx)
}
