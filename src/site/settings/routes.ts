/**
 * The settings pages: /settings (to the account tab), /settings/account (email, password, deleting
 * the account behind a confirmation page) and /settings/lists (title language, adult content, score
 * format, custom lists, advanced scoring). /settings/developer and /settings/apps are the OAuth
 * module's (oauth/developer-routes.ts, oauth/connected-apps-routes.ts); /settings/import and export
 * the import helper's. Every page needs a login; every form is CSRF-checked and answered with a 303
 * (Post/Redirect/Get), or the form again with what is wrong.
 */
import { loginPath, requireLogin } from '../../web/login-redirect.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { readTextField, readTextFields, type TextFieldSpec } from '../../web/form-fields.js'
import { formField, FormFieldError, isRecord } from '../../web/params.js'
import { AccountError, passwordMatches, setEmail, setPassword } from '../../accounts/users.js'
import { deleteSessionsOf } from '../../accounts/login-sessions.js'
import { MAX_PASSWORD_LENGTH } from '../../accounts/passwords.js'
import { getProfile, type TitleLanguage } from '../../accounts/profiles.js'
import { getListOptionsOf, type MediaListTypeOptions } from '../../lists/list-options.js'
import { MAX_CUSTOM_LISTS, MAX_LIST_NAME_LENGTH } from '../../lists/list-options-input.js'
import { isScoreFormat, type ScoreFormat } from '../../lists/score-format.js'
import { ValidationError } from '../../errors/refusals.js'
import { FAILED_LOGIN_WINDOW_SECONDS, LoginThrottle, MAX_FAILED_LOGINS } from '../../accounts/login-throttle.js'
import { sharedFailureThrottle } from '../../cluster/failure-throttles.js'
import { describeWait } from '../../util/failure-throttle.js'
import { deleteAccount } from './account-deletion.js'
import { renameUser } from '../../accounts/previous-names.js'
import { flashes } from '../flash.js'
import { saveListSettings, type CustomListRow, type TypeListForm } from './list-settings.js'

const STYLES = ['site/settings.css']
const PASSWORD: TextFieldSpec = { label: 'current password', maxLength: MAX_PASSWORD_LENGTH }
const NEW_PASSWORD: TextFieldSpec = { label: 'new password', maxLength: 4 * MAX_PASSWORD_LENGTH }
const NAME_FIELDS = { name: { label: 'username', maxLength: 100 }, current_password: PASSWORD } as const
const EMAIL_FIELDS = { email: { label: 'email', maxLength: 254 }, current_password: PASSWORD } as const
const PASSWORD_FIELDS = { current_password: PASSWORD, new_password: NEW_PASSWORD, new_password_again: { ...NEW_PASSWORD, label: 'repeated new password' } } as const
const DELETE_FIELDS = { name: { label: 'username', maxLength: 100 }, password: { label: 'password', maxLength: MAX_PASSWORD_LENGTH } } as const

/** AniList's UserTitleLanguage values, as the form offers them. */
export const TITLE_LANGUAGES: ReadonlyArray<[TitleLanguage, string]> = [
  ['ROMAJI', 'Romaji (Shingeki no Kyojin)'],
  ['ENGLISH', 'English (Attack on Titan)'],
  ['NATIVE', 'Native (進撃の巨人)'],
  ['ROMAJI_STYLISED', 'Romaji, as stylised by its creator'],
  ['ENGLISH_STYLISED', 'English, as stylised by its creator'],
  ['NATIVE_STYLISED', 'Native, as stylised by its creator'],
]
export const SCORE_FORMAT_LABELS: ReadonlyArray<[ScoreFormat, string]> = [
  ['POINT_100', '100 point (55/100)'],
  ['POINT_10_DECIMAL', '10 point decimal (5.5/10)'],
  ['POINT_10', '10 point (5/10)'],
  ['POINT_5', '5 star (3/5)'],
  ['POINT_3', '3 point smiley'],
]
const DONE_MESSAGES: Record<string, string> = {
  name: 'Your username was changed. Links to your old name lead here while nobody else takes it.',
  email: 'Your email address was saved.',
  password: 'Your password was changed. Every other session of your account was logged out.',
  lists: 'Your list settings were saved.',
}

export function registerSettingsRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  // The current password these forms ask for is guessed no faster than at the login form (a session
  // left open must not become a way to find the password), counted apart from the logins.
  const flash = flashes(ctx.config.publicUrl)
  const throttle = new LoginThrottle(sharedFailureThrottle(ctx.redis, 'settings-password', MAX_FAILED_LOGINS, FAILED_LOGIN_WINDOW_SECONDS))
  /** null when `password` is the user's; else what to tell them, and the status. */
  const refusePassword = async (request: FastifyRequest, reply: FastifyReply, password: string, wrong: string): Promise<{ message: string; status: number } | null> => {
    const user = request.user!
    const wait = await throttle.take(user.name, request.ip)
    if (wait > 0) {
      reply.header('retry-after', String(wait))
      return { message: `Too many wrong passwords. Try again in ${describeWait(wait)}.`, status: 429 }
    }
    let matches: boolean
    try {
      matches = await passwordMatches(ctx.db, user.id, password)
    } catch (error) {
      await throttle.giveBack(user.name, request.ip)
      throw error
    }
    if (!matches) return { message: wrong, status: 403 }
    await throttle.recordSuccess(user.name, request.ip)
    return null
  }
  const doneMessage = (request: FastifyRequest): string | null => {
    const done = (request.query as Record<string, unknown>).done
    return typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done]! : null
  }

  const accountPage = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    ctx.views.page(
      request,
      reply,
      'site/settings/account',
      { title: 'Account settings', section: 'settings', styles: STYLES, name: request.user!.name, newName: request.user!.name, email: request.user!.email ?? '', done: null, errors: {}, ...extra },
      status,
    )

  app.get('/settings', async (request, reply) => reply.redirect(request.user ? '/settings/account' : loginPath('/settings/account'), 303))

  app.get('/settings/account', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/account')) return reply
    return accountPage(request, reply, { done: doneMessage(request) })
  })

  // A rename asks for the password, as an email change does: a session left open must not give the account away.
  app.post('/settings/account/name', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/account')) return reply
    sessions.checkCsrf(request)
    const user = request.user!
    let fields: Record<keyof typeof NAME_FIELDS, string>
    try {
      fields = readTextFields(request.body, NAME_FIELDS)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      return accountPage(request, reply, { errors: { name: error.message } }, 400)
    }
    const refused = await refusePassword(request, reply, fields.current_password, 'The current password is wrong.')
    if (refused) return accountPage(request, reply, { newName: fields.name, errors: { name: refused.message } }, refused.status)
    try {
      await renameUser(ctx.db, ctx.clock, user.id, fields.name)
    } catch (error) {
      if (!(error instanceof AccountError)) throw error
      return accountPage(request, reply, { newName: fields.name, errors: { name: error.message } }, 400)
    }
    await ctx.users.changed([user.id])
    return reply.redirect('/settings/account?done=name', 303)
  })

  app.post('/settings/account/email', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/account')) return reply
    sessions.checkCsrf(request)
    const user = request.user!
    let fields: Record<keyof typeof EMAIL_FIELDS, string>
    try {
      fields = readTextFields(request.body, EMAIL_FIELDS)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      return accountPage(request, reply, { errors: { email: error.message } }, 400)
    }
    const refused = await refusePassword(request, reply, fields.current_password, 'The current password is wrong.')
    if (refused) return accountPage(request, reply, { email: fields.email, errors: { email: refused.message } }, refused.status)
    try {
      await setEmail(ctx.db, ctx.clock, user.id, fields.email)
    } catch (error) {
      if (!(error instanceof AccountError)) throw error
      return accountPage(request, reply, { email: fields.email, errors: { email: error.message } }, 400)
    }
    await ctx.users.changed([user.id])
    return reply.redirect('/settings/account?done=email', 303)
  })

  app.post('/settings/account/password', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/account')) return reply
    sessions.checkCsrf(request)
    const user = request.user!
    let fields: Record<keyof typeof PASSWORD_FIELDS, string>
    try {
      fields = readTextFields(request.body, PASSWORD_FIELDS)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      return accountPage(request, reply, { errors: { password: error.message } }, 400)
    }
    if (fields.new_password !== fields.new_password_again) {
      return accountPage(request, reply, { errors: { password: 'The new password and its repetition differ.' } }, 400)
    }
    const refused = await refusePassword(request, reply, fields.current_password, 'The current password is wrong.')
    if (refused) return accountPage(request, reply, { errors: { password: refused.message } }, refused.status)
    try {
      await setPassword(ctx.db, ctx.clock, user.id, fields.new_password)
    } catch (error) {
      if (!(error instanceof AccountError)) throw error
      return accountPage(request, reply, { errors: { password: error.message } }, 400)
    }
    // Whoever else was logged in as this user (with the old password) is logged out; this session stays.
    await deleteSessionsOf(ctx.db, user.id, request.session!.id)
    await ctx.users.changed([user.id])
    return reply.redirect('/settings/account?done=password', 303)
  })

  const deletePage = (request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200) =>
    ctx.views.page(request, reply, 'site/settings/account-delete', { title: 'Delete your account', section: 'settings', styles: STYLES, error }, status)

  app.get('/settings/account/delete', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/account/delete')) return reply
    return deletePage(request, reply)
  })

  app.post('/settings/account/delete', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/account/delete')) return reply
    sessions.checkCsrf(request)
    const user = request.user!
    let fields: Record<keyof typeof DELETE_FIELDS, string>
    try {
      fields = readTextFields(request.body, DELETE_FIELDS)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      return deletePage(request, reply, error.message, 400)
    }
    if (fields.name.trim().toLowerCase() !== user.name.toLowerCase()) {
      return deletePage(request, reply, `Type your username, ${user.name}, to confirm.`, 400)
    }
    const refused = await refusePassword(request, reply, fields.password, 'The password is wrong.')
    if (refused) return deletePage(request, reply, refused.message, refused.status)
    await deleteAccount(ctx, user.id)
    await sessions.logOut(request, reply)
    flash.set(reply, '/', 'account-deleted')
    return reply.redirect('/', 303)
  })

  const listsPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const userId = request.user!.id
    const [profile, options] = await Promise.all([getProfile(ctx.db, userId), getListOptionsOf(ctx.db, userId)])
    return ctx.views.page(
      request,
      reply,
      'site/settings/lists',
      {
        title: 'List settings',
        section: 'settings',
        styles: STYLES,
        titleLanguages: TITLE_LANGUAGES,
        scoreFormats: SCORE_FORMAT_LABELS,
        profileOptions: profile.options,
        options,
        types: [
          { key: 'anime', label: 'Anime list', options: options.animeList },
          { key: 'manga', label: 'Manga list', options: options.mangaList },
        ] satisfies Array<{ key: string; label: string; options: MediaListTypeOptions }>,
        maxListName: MAX_LIST_NAME_LENGTH,
        done: doneMessage(request),
        problems: [],
        ...extra,
      },
      status,
    )
  }

  app.get('/settings/lists', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/lists')) return reply
    return listsPage(request, reply)
  })

  app.post('/settings/lists', async (request, reply) => {
    if (!requireLogin(request, reply, '/settings/lists')) return reply
    sessions.checkCsrf(request)
    const body = request.body
    const titleLanguage = formField(body, 'title_language')
    if (!TITLE_LANGUAGES.some(([value]) => value === titleLanguage)) throw new FormFieldError('title_language', 'The title language must be one of the languages offered.')
    const scoreFormat = formField(body, 'score_format')
    if (!isScoreFormat(scoreFormat)) throw new FormFieldError('score_format', 'The score format must be one of the formats offered.')
    const form = {
      titleLanguage: titleLanguage as TitleLanguage,
      displayAdultContent: checkbox(body, 'display_adult_content'),
      scoreFormat,
      anime: typeForm(body, 'anime'),
      manga: typeForm(body, 'manga'),
    }
    try {
      await saveListSettings(ctx, request.user!.id, form)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return listsPage(request, reply, { problems: Object.values(error.fields).flat() }, 400)
    }
    return reply.redirect('/settings/lists?done=lists', 303)
  })
}

/** A checkbox: ticked when sent (as "on"). */
function checkbox(body: unknown, name: string): boolean {
  return formField(body, name) !== undefined
}

const LIST_NAME: TextFieldSpec = { label: 'custom list name', maxLength: 4 * MAX_LIST_NAME_LENGTH }

/** One list type's fields: custom list rows `<type>_list_<i>` (with `_was` and `_remove`), `<type>_list_new`, the checkboxes and the categories (one per line). */
function typeForm(body: unknown, type: 'anime' | 'manga'): TypeListForm {
  const lists: CustomListRow[] = []
  // A form shows at most MAX_CUSTOM_LISTS rows; a few more are read so that none sent is lost silently.
  for (let i = 0; i < MAX_CUSTOM_LISTS + 10 && isRecord(body) && Object.hasOwn(body, `${type}_list_${i}_was`); i++) {
    const row = `${type}_list_${i}_`
    lists.push({ was: readTextField(body, `${row}was`, LIST_NAME), name: readTextField(body, `${row}name`, LIST_NAME), remove: checkbox(body, `${row}remove`) })
  }
  const added = readTextField(body, `${type}_added`, LIST_NAME)
  const categories = readTextField(body, `${type}_categories`, { label: 'advanced scoring categories', maxLength: 4000 })
  return {
    lists,
    added,
    splitCompletedSectionByFormat: checkbox(body, `${type}_split_completed`),
    advancedScoringEnabled: checkbox(body, `${type}_advanced_scoring`),
    advancedScoring: categories.split(/\r?\n/).map((c) => c.trim()).filter(Boolean),
  }
}
