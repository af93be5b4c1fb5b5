/**
 * Page rendering with Eta templates from src/views (dist/views once built). Eta escapes every
 * `<%= %>` interpolation, so no page builds HTML by hand.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Eta } from 'eta'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { cspNonceOf } from './security-headers.js'

export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views')

/** What every page's layout reads, besides the page's own data. */
export interface PageContext {
  title: string
  /** The logged-in user's name, for the header; null when nobody is. */
  viewerName?: string | null
  /** The session's CSRF token, for the header's logout form and the page's forms. */
  csrfToken?: string | null
  /** Style sheets under /static/ the page needs besides kiroku.css ('site/media.css'). */
  styles?: readonly string[]
  /** Which header link is the current section ('anime', 'manga', 'profile', 'settings'…), for aria-current. */
  section?: string | null
  /** A one-time message shown at the top of the page (the request's flash unless the page shows it itself: null). */
  flash?: string | null
  /** The page uses the wide column (72rem: grids, media pages) instead of the narrow one (forms). */
  wide?: boolean
  /** The viewer's unread notifications, for the header's badge; read from the request when not given. */
  unreadNotifications?: number | null
}

/** What the layout and templates are given on top of the page's data. */
interface RenderedContext {
  /** The response's CSP nonce: every <script> tag carries it (web/security-headers.ts). */
  nonce: string
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The one-time message for this page after a Post/Redirect/Get ("Saved."), taken by site/flash.ts; null when none. */
    flash: string | null
    /**
     * Counts the logged-in viewer's unread notifications for the header's badge (site/social decorates
     * the page requests with it). Called only when a page renders, so that redirects and the API never
     * pay for the count.
     */
    unreadNotifications?: () => Promise<number>
  }
}

/** The session-bearing request the page answers (its user and session are set by accounts/session-cookies.ts). */
type PageRequest = Pick<FastifyRequest, 'user' | 'session'> & Partial<Pick<FastifyRequest, 'flash' | 'unreadNotifications'>>

export class Views {
  private readonly eta: Eta

  constructor(cache = true) {
    this.eta = new Eta({ views: VIEWS_DIR, cache, autoTrim: false })
  }

  render(name: string, data: PageContext & Partial<RenderedContext> & Record<string, unknown>): string {
    return this.eta.render(`./${name}`, { viewerName: null, csrfToken: null, styles: [], section: null, nonce: '', ...data })
  }

  /** Renders `name` as the reply with the given status. */
  send(reply: FastifyReply, name: string, data: PageContext & Record<string, unknown>, status = 200): FastifyReply {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(this.render(name, { ...data, nonce: cspNonceOf(reply) }))
  }

  /**
   * As send, with the header's viewer, CSRF token and unread count taken from the request (one count
   * query for a logged-in viewer, unless the page gives the count itself).
   */
  async page(request: PageRequest, reply: FastifyReply, name: string, data: PageContext & Record<string, unknown>, status = 200): Promise<FastifyReply> {
    const count = request.unreadNotifications
    const unreadNotifications = data.unreadNotifications !== undefined ? data.unreadNotifications : request.user && typeof count === 'function' ? await count.call(request) : null
    return this.send(reply, name, { viewerName: request.user?.name ?? null, csrfToken: request.session?.csrfToken ?? null, flash: request.flash ?? null, ...data, unreadNotifications }, status)
  }
}
