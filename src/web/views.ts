/**
 * Page rendering with Eta templates from src/views (dist/views once built). Eta escapes every
 * `<%= %>` interpolation, so no page builds HTML by hand.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Eta } from 'eta'
import type { FastifyReply } from 'fastify'

export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views')

/** What every page's layout reads, besides the page's own data. */
export interface PageContext {
  title: string
  /** The logged-in user's name, for the header; null when nobody is. */
  viewerName?: string | null
  /** The session's CSRF token, for the header's logout form and the page's forms. */
  csrfToken?: string | null
}

export class Views {
  private readonly eta: Eta

  constructor(cache = true) {
    this.eta = new Eta({ views: VIEWS_DIR, cache, autoTrim: false })
  }

  render(name: string, data: PageContext & Record<string, unknown>): string {
    return this.eta.render(`./${name}`, { viewerName: null, csrfToken: null, ...data })
  }

  /** Renders `name` as the reply with the given status. */
  send(reply: FastifyReply, name: string, data: PageContext & Record<string, unknown>, status = 200): FastifyReply {
    return reply.code(status).type('text/html; charset=utf-8').send(this.render(name, data))
  }
}
