/**
 * GET /search/anime and /search/manga: the search form and a page of results as a cover grid. The
 * form is a plain GET form (it works without JavaScript and every result page is a link); a value
 * the form could not have sent is shown back with its problem and a 400.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { MediaType } from '../../catalog/media.js'
import { MEDIA_SEASONS, MEDIA_STATUSES } from '../../catalog/media.js'
import { allGenres } from '../../catalog/media-store.js'
import { allTags } from '../../catalog/tags.js'
import { countMedia, findMedia } from '../../catalog/media-query.js'
import { lastPageOf } from '../../query/paging.js'
import { enumLabel } from '../view-helpers.js'
import { viewerPrefs } from './viewer-prefs.js'
import { mediaCard } from './cards.js'
import { FORMATS_BY_TYPE, parseSearch, RESULTS_PER_PAGE, searchQueryString, SORT_OPTIONS } from './search-form.js'

const PATHS: Readonly<Record<MediaType, string>> = { ANIME: '/search/anime', MANGA: '/search/manga' }

/** The page links around the current page: the first, the last, and two either side; null marks a gap. */
export function pageNumbers(current: number, last: number): Array<number | null> {
  const wanted = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= last))
  const sorted = [...wanted].sort((a, b) => a - b)
  const out: Array<number | null> = []
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null)
    out.push(n)
  })
  return out
}

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const show = async (type: MediaType, request: FastifyRequest, reply: FastifyReply) => {
    const prefs = await viewerPrefs(ctx.db, request.user)
    const [genres, tags] = await Promise.all([allGenres(ctx.db), allTags(ctx.db)])
    const visibleTags = tags.filter((t) => prefs.showAdult || !t.isAdult)
    const parsed = parseSearch(request.query, { type, choices: { genres, tags: visibleTags.map((t) => t.name) }, ...prefs })
    const path = PATHS[type]
    let results: ReturnType<typeof mediaCard>[] = []
    let total = 0
    if (parsed.query) {
      const offset = (parsed.page - 1) * RESULTS_PER_PAGE
      const [media, count] = await Promise.all([findMedia(ctx.db, parsed.query, { limit: RESULTS_PER_PAGE, offset }), countMedia(ctx.db, parsed.query)])
      results = media.map((m) => mediaCard(m, prefs.titleLanguage, ctx.config.publicUrl))
      total = count
    }
    const lastPage = lastPageOf(total, RESULTS_PER_PAGE)
    const link = (page: number) => `${path}${searchQueryString(parsed.values, page)}`
    const noun = type === 'ANIME' ? 'Anime' : 'Manga'
    const categories = new Map<string, string[]>()
    for (const tag of visibleTags) {
      const category = tag.category ?? 'Other'
      if (!categories.has(category)) categories.set(category, [])
      categories.get(category)!.push(tag.name)
    }
    const problems = Object.entries(parsed.problems)
    return ctx.views.page(
      request,
      reply,
      'site/browse/search',
      {
        title: problems.length > 0 ? `Search ${noun.toLowerCase()}: check the form` : `Search ${noun.toLowerCase()}`,
        wide: true,
        section: type === 'ANIME' ? 'anime' : 'manga',
        styles: ['site/browse.css'],
        noun,
        path,
        isAnime: type === 'ANIME',
        values: parsed.values,
        problems: parsed.problems,
        problemList: problems.map(([field, message]) => ({ field, message })),
        seasons: MEDIA_SEASONS.map((s) => ({ value: s, label: enumLabel(s) })),
        formats: FORMATS_BY_TYPE[type].map((f) => ({ value: f, label: enumLabel(f) })),
        statuses: MEDIA_STATUSES.map((s) => ({ value: s, label: enumLabel(s) })),
        genres,
        tagGroups: [...categories].map(([category, names]) => ({ category, names })),
        sorts: SORT_OPTIONS,
        ran: parsed.query !== null,
        filtered: parsed.filtered,
        results,
        total,
        page: parsed.page,
        lastPage,
        pages: pageNumbers(parsed.page, lastPage).map((n) => (n === null ? null : { n, href: link(n), current: n === parsed.page })),
        previous: parsed.page > 1 ? link(Math.min(parsed.page - 1, lastPage)) : null,
        next: parsed.page < lastPage ? link(parsed.page + 1) : null,
        firstPage: link(1),
      },
      problems.length > 0 ? 400 : 200,
    )
  }
  app.get('/search/anime', (request, reply) => show('ANIME', request, reply))
  app.get('/search/manga', (request, reply) => show('MANGA', request, reply))
}
