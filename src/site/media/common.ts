/**
 * What the media, character, staff and studio pages share: reading an id from the path, the viewer's
 * display options, a stored description as safe HTML, and a page number from the query string.
 */
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import { getProfile, type TitleLanguage } from '../../accounts/profiles.js'
import { getListOptionsOf } from '../../lists/list-options.js'
import type { ScoreFormat } from '../../lists/score-format.js'
import { RenderBudget } from '../../markdown/render-budget.js'
import { formField, FormFieldError } from '../../web/params.js'

/** Who is looking, and how they like titles and scores shown. */
export interface Viewer {
  id: number
  name: string
  titleLanguage: TitleLanguage
  scoreFormat: ScoreFormat
}

/** The logged-in viewer's options (two statements), or null for a visitor. */
export async function viewerOf(ctx: AppContext, request: Pick<FastifyRequest, 'user'>): Promise<Viewer | null> {
  const user = request.user
  if (!user) return null
  const [profile, options] = await Promise.all([getProfile(ctx.db, user.id), getListOptionsOf(ctx.db, user.id)])
  return { id: user.id, name: user.name, titleLanguage: profile.options.titleLanguage, scoreFormat: options.scoreFormat }
}

/** The title language of a page: the viewer's, romaji for a visitor (as AniList answers anonymous requests). */
export const titleLanguageOf = (viewer: Viewer | null): TitleLanguage => viewer?.titleLanguage ?? 'ROMAJI'

// Characters of stored text one page renders as HTML: far above any real synopsis.
const PAGE_RENDER_BUDGET = 200_000

/**
 * A stored description (AniList's HTML-ish text, with its ~!spoilers!~) as safe HTML, through the same
 * sanitising renderer as GraphQL's `description(asHtml: true)`; null when there is none.
 */
export function descriptionHtml(ctx: AppContext, text: string | null): string | null {
  if (text === null || text.trim() === '') return null
  return ctx.textRenderer.render('description', text, new RenderBudget(PAGE_RENDER_BUDGET))
}

const PAGE = /^[1-9][0-9]{0,5}$/

/** The `page` query parameter: 1 when absent; a clear 400 when it is not a page number. */
export function pageNumber(query: unknown): number {
  const value = formField(query, 'page')
  if (value === undefined) return 1
  if (!PAGE.test(value)) throw new FormFieldError('page', 'The page parameter must be a page number (1, 2, 3…).')
  return Number(value)
}

/** One page of a list kept whole in memory, and how many pages there are. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): { items: T[]; page: number; pages: number; total: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage))
  return { items: items.slice((page - 1) * perPage, page * perPage), page, pages, total: items.length }
}
