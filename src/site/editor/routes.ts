/**
 * List editing in the browser: add a work to the viewer's list from its page, edit the entry (or add
 * it from the same form), delete it after a confirmation. Every change goes through lists/save.ts, as
 * GraphQL's SaveMediaListEntry and DeleteMediaListEntry do; every POST checks the CSRF token first
 * and answers with a redirect (Post/Redirect/Get), its message carried once by the flash cookie.
 *
 *   POST /list/:mediaId/add      status + next: adds (or moves) the entry, then to next
 *   GET  /list/:mediaId/edit     the editor; for a work not on the list, the same form to add it
 *   POST /list/:mediaId/edit     saves, or shows the form again with its problems (400)
 *   GET  /list/:mediaId/delete   "Remove … from your list?"
 *   POST /list/:mediaId/delete   deletes, then to the work's page
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import type { Media } from '../../catalog/media.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { getProfile } from '../../accounts/profiles.js'
import { getListOptionsOf, typeOptions } from '../../lists/list-options.js'
import { loadUserEntriesForMedia } from '../../lists/entry-store.js'
import { deleteOwnEntry, saveEntry } from '../../lists/save.js'
import type { MediaListEntry } from '../../lists/entry.js'
import { ValidationError } from '../../errors/refusals.js'
import { FormFieldError, formField } from '../../web/params.js'
import { safeNext } from '../../web/safe-next.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { redirectToLogin } from '../../web/login-redirect.js'
import { displayTitle, localImage } from '../view-helpers.js'
import { flashes, type FlashCode } from '../flash.js'
import { isListStatus, statusOptions } from './labels.js'
import { allProblems, formProblems, readEditorForm, scoreBounds, valuesOf, type EditorSettings, type EditorValues, type FormProblems } from './form.js'

export const editPath = (mediaId: number) => `/list/${mediaId}/edit`
export const deletePath = (mediaId: number) => `/list/${mediaId}/delete`
export const mediaPath = (media: Pick<Media, 'id' | 'type'>) => `/${media.type === 'ANIME' ? 'anime' : 'manga'}/${media.id}`

/** The month select's options. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export function registerEditorRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const flash = flashes(ctx.config.publicUrl)

  /** The work named by the path, or null (an id that is no row id names none). */
  const mediaOf = async (request: FastifyRequest): Promise<Media | null> => {
    const id = rowIdFromPath((request.params as { mediaId?: string }).mediaId)
    if (id === null) return null
    return (await loadMediaByIds(ctx.db, [id])).get(id) ?? null
  }

  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)

  /** A visitor is sent to log in, then to the page (a POST's page is the editor: a form cannot be replayed). */
  const toLogin = redirectToLogin
  const mediaIdOf = (request: FastifyRequest) => (request.params as { mediaId?: string }).mediaId ?? ''

  const entryOf = async (userId: number, mediaId: number): Promise<MediaListEntry | null> =>
    (await loadUserEntriesForMedia(ctx.db, userId, [mediaId])).get(mediaId) ?? null

  const settingsOf = async (userId: number, media: Media): Promise<EditorSettings & { titleLanguage: Awaited<ReturnType<typeof getProfile>>['options']['titleLanguage'] }> => {
    const [options, profile] = await Promise.all([getListOptionsOf(ctx.db, userId), getProfile(ctx.db, userId)])
    const typed = typeOptions(options, media.type)
    return {
      format: options.scoreFormat,
      media,
      customLists: typed.customLists,
      // AniList offers advanced scoring on anime lists.
      categories: media.type === 'ANIME' && typed.advancedScoringEnabled ? typed.advancedScoring : [],
      titleLanguage: profile.options.titleLanguage,
    }
  }

  const mediaView = (media: Media, title: string) => ({
    id: media.id,
    type: media.type,
    title,
    href: mediaPath(media),
    cover: localImage(media.coverImage.large ?? media.coverImage.medium ?? media.coverImage.extraLarge, ctx.config.publicUrl, 'media', media.id),
    length: media.type === 'ANIME' ? media.episodes : media.chapters,
    volumes: media.type === 'MANGA' ? media.volumes : null,
  })

  const renderEditor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    media: Media,
    state: { entry: MediaListEntry | null; values?: EditorValues; problems?: FormProblems; message?: string | null },
    status = 200,
  ) => {
    const settings = await settingsOf(request.user!.id, media)
    const title = displayTitle(media.title, settings.titleLanguage)
    const values = state.values ?? valuesOf(state.entry, settings)
    const problems = state.problems ?? {}
    return ctx.views.page(
      request,
      reply,
      'site/editor/edit',
      {
        title: `${state.entry ? 'Edit' : 'Add'} ${title}`,
        section: media.type === 'ANIME' ? 'anime' : 'manga',
        styles: ['site/editor.css'],
        media: mediaView(media, title),
        onList: state.entry !== null,
        action: editPath(media.id),
        deleteHref: deletePath(media.id),
        values,
        problems,
        problemCount: Object.keys(problems).length,
        format: settings.format,
        score: scoreBounds(settings.format),
        categories: settings.categories,
        customLists: settings.customLists,
        statuses: statusOptions(media.type),
        months: MONTHS,
        message: state.message ?? null,
        flash: null,
      },
      status,
    )
  }

  app.post('/list/:mediaId/add', async (request, reply) => {
    if (!request.user) return toLogin(reply, `/list/${mediaIdOf(request)}/edit`)
    sessions.checkCsrf(request)
    const media = await mediaOf(request)
    if (!media) return notFound(request, reply)
    const status = formField(request.body, 'status')
    if (!isListStatus(status)) throw new FormFieldError('status', 'Choose a status: CURRENT, PLANNING, COMPLETED, DROPPED, PAUSED or REPEATING.')
    const rawNext = formField(request.body, 'next')
    const next = rawNext ? safeNext(rawNext) : editPath(media.id)
    await saveEntry(ctx.db, ctx.clock, request.user.id, { mediaId: media.id, status }, ctx.entryListeners)
    flash.set(reply, next, `added.${status}.${media.type}`)
    return reply.redirect(next, 303)
  })

  app.get('/list/:mediaId/edit', async (request, reply) => {
    if (!request.user) return toLogin(reply, `/list/${mediaIdOf(request)}/edit`)
    const media = await mediaOf(request)
    if (!media) return notFound(request, reply)
    const entry = await entryOf(request.user.id, media.id)
    // The editor shows its message under the work's header (the layout's place for it is left empty).
    return renderEditor(request, reply, media, { entry, message: request.flash })
  })

  app.post('/list/:mediaId/edit', async (request, reply) => {
    if (!request.user) return toLogin(reply, `/list/${mediaIdOf(request)}/edit`)
    sessions.checkCsrf(request)
    const media = await mediaOf(request)
    if (!media) return notFound(request, reply)
    const userId = request.user.id
    const [entry, settings] = await Promise.all([entryOf(userId, media.id), settingsOf(userId, media)])
    const read = readEditorForm(request.body, settings)
    const problems = allProblems(read, settings)
    if (Object.keys(problems).length > 0) return renderEditor(request, reply, media, { entry, values: read.values, problems }, 400)
    let saved: MediaListEntry
    try {
      saved = await saveEntry(ctx.db, ctx.clock, userId, { mediaId: media.id, ...read.input }, ctx.entryListeners)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return renderEditor(request, reply, media, { entry, values: read.values, problems: formProblems(error.fields, settings.categories) }, 400)
    }
    const code: FlashCode = entry ? 'saved' : `added.${saved.status}.${media.type}`
    flash.set(reply, editPath(media.id), code)
    return reply.redirect(editPath(media.id), 303)
  })

  const renderDelete = async (request: FastifyRequest, reply: FastifyReply, media: Media, onList: boolean) => {
    const profile = await getProfile(ctx.db, request.user!.id)
    const title = displayTitle(media.title, profile.options.titleLanguage)
    return ctx.views.page(
      request,
      reply,
      'site/editor/delete',
      {
        title: onList ? `Remove ${title}` : 'Not on your list',
        section: media.type === 'ANIME' ? 'anime' : 'manga',
        styles: ['site/editor.css'],
        media: mediaView(media, title),
        onList,
        action: deletePath(media.id),
        editHref: editPath(media.id),
      },
      onList ? 200 : 404,
    )
  }

  app.get('/list/:mediaId/delete', async (request, reply) => {
    if (!request.user) return toLogin(reply, `/list/${mediaIdOf(request)}/delete`)
    const media = await mediaOf(request)
    if (!media) return notFound(request, reply)
    return renderDelete(request, reply, media, (await entryOf(request.user.id, media.id)) !== null)
  })

  app.post('/list/:mediaId/delete', async (request, reply) => {
    if (!request.user) return toLogin(reply, `/list/${mediaIdOf(request)}/delete`)
    sessions.checkCsrf(request)
    const media = await mediaOf(request)
    if (!media) return notFound(request, reply)
    const entry = await entryOf(request.user.id, media.id)
    // Only the viewer's own entry is looked up, so no other user's entry can be named here.
    if (!entry || !(await deleteOwnEntry(ctx.db, ctx.clock, request.user.id, entry.id))) return renderDelete(request, reply, media, false)
    flash.set(reply, mediaPath(media), 'removed')
    return reply.redirect(mediaPath(media), 303)
  })
}
