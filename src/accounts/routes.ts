/** The login, sign-up and logout pages. Thin: parse the form, call accounts/, render or redirect. */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from './session-cookies.js'
import { safeNext } from '../web/safe-next.js'
import { formField, FormFieldError } from '../web/params.js'
import { readTextField, readTextFields } from '../web/form-fields.js'
import { LOGIN_FIELDS, SIGNUP_FIELDS } from './form-specs.js'
import { AccountError, createUser, verifyCredentials, type User } from './users.js'
import type { LoginThrottle } from './login-throttle.js'
import { describeWait, FailureThrottle } from '../util/failure-throttle.js'

// Accounts one address may create through the sign-up form per hour: enough for a household or a
// developer's test users, too few for a bot filling the database. The CLI is not limited.
export const MAX_SIGNUPS_PER_ADDRESS = 20
export const SIGNUP_WINDOW_SECONDS = 3600

/**
 * What the account pages ask of the layers above (accounts/ sits below oauth/, so the app layer wires
 * these in).
 */
export interface AccountPageHooks {
  /** The name of the app an authorize link in `next` is for, so the login page can say who is asking (oauth/authorize/asking-app.ts). */
  appAsking?(next: string): Promise<string | null>
  /** Runs after a user logged out (the explorer's session tokens are revoked: oauth/explorer-tokens.ts). */
  loggedOut?(userId: number): Promise<void>
}

export function registerAccountRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  sessions: SessionControls,
  throttle: LoginThrottle,
  // Counts accounts created: the throttle's counter serves any "this many per window".
  signups = new FailureThrottle(MAX_SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW_SECONDS),
  hooks: AccountPageHooks = {},
): void {
  const loginPage = async (next: string) => {
    const appName = (await hooks.appAsking?.(next)) ?? null
    return { title: appName ? `Log in to let ${appName} use your Kiroku account` : 'Log in', appName }
  }

  app.get('/login', async (request, reply) => {
    const next = safeNext(formField(request.query, 'next'))
    if (request.user) return reply.redirect(next, 303)
    return ctx.views.send(reply, 'login', { ...(await loginPage(next)), csrfToken: sessions.formToken(request, reply), next, name: '', error: null })
  })

  app.post('/login', async (request, reply) => {
    sessions.checkCsrf(request)
    const again = async (fields: { name: string; next: string }, error: string, status: number) =>
      ctx.views.send(reply, 'login', { ...(await loginPage(fields.next)), csrfToken: sessions.formToken(request, reply), ...fields, error }, status)
    let fields: Record<keyof typeof LOGIN_FIELDS, string>
    try {
      fields = readTextFields(request.body, LOGIN_FIELDS)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      return again(echoed(request.body), error.message, 400)
    }
    const { name, password } = fields
    const next = safeNext(fields.next)

    if (!name || !password) return again({ name, next }, 'Enter your username and password.', 400)
    // The attempt is counted before the password is checked, so that parallel guesses cannot all pass.
    const wait = await throttle.take(name, request.ip)
    if (wait > 0) {
      ctx.metrics.loginFailed('throttled')
      reply.header('retry-after', String(wait))
      return again({ name, next }, `Too many failed logins for this account. Try again in ${describeWait(wait)}.`, 429)
    }
    let user: User | null
    try {
      user = await verifyCredentials(ctx.db, name, password)
    } catch (error) {
      await throttle.giveBack(name, request.ip)
      throw error
    }
    if (!user) {
      ctx.metrics.loginFailed('invalid_credentials')
      return again({ name, next }, 'Wrong username or password.', 401)
    }
    await throttle.recordSuccess(name, request.ip)
    await sessions.logIn(request, reply, user.id)
    return reply.redirect(next, 303)
  })

  app.get('/signup', async (request, reply) => {
    const next = safeNext(formField(request.query, 'next'))
    if (request.user) return reply.redirect(next, 303)
    return ctx.views.send(reply, 'signup', { title: 'Sign up', csrfToken: sessions.formToken(request, reply), next, name: '', email: '', error: null })
  })

  app.post('/signup', async (request, reply) => {
    sessions.checkCsrf(request)
    const again = (fields: { name: string; email: string; next: string }, error: string, status: number) =>
      ctx.views.send(reply, 'signup', { title: 'Sign up', csrfToken: sessions.formToken(request, reply), ...fields, error }, status)
    let fields: Record<keyof typeof SIGNUP_FIELDS, string>
    try {
      fields = readTextFields(request.body, SIGNUP_FIELDS)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      return again(echoed(request.body), error.message, 400)
    }
    const { name, email, password } = fields
    const next = safeNext(fields.next)
    const signupKey = `signup|${request.ip}`
    // The account is counted before it is made, so that parallel sign-ups cannot all pass; one that
    // is not made (bad input, a taken name, a failure) gives its point back.
    const wait = await signups.take(signupKey)
    if (wait > 0) {
      reply.header('retry-after', String(wait))
      return again({ name, email, next }, `Too many accounts were created from your address. Try again in ${describeWait(wait)}.`, 429)
    }
    let user: User
    try {
      user = await createUser(ctx.db, ctx.clock, { name, email, password })
    } catch (error) {
      await signups.giveBack(signupKey)
      if (!(error instanceof AccountError)) throw error
      const status = error.code === 'name_taken' ? 409 : 400
      return again({ name, email, next }, error.message, status)
    }
    await sessions.logIn(request, reply, user.id)
    return reply.redirect(next, 303)
  })

  // A `next` (the approval page's "Not you?" switch sends its authorize link) leads to the login page
  // with that next, so that the one who logs in next is asked the same question.
  app.post('/logout', async (request, reply) => {
    sessions.checkCsrf(request)
    const userId = request.user?.id
    await sessions.logOut(request, reply)
    if (userId !== undefined) await hooks.loggedOut?.(userId)
    let next: string
    try {
      next = readTextField(request.body, 'next', LOGIN_FIELDS.next)
    } catch (error) {
      if (!(error instanceof FormFieldError)) throw error
      next = ''
    }
    return reply.redirect(next ? `/login?next=${encodeURIComponent(safeNext(next))}` : '/', 303)
  })
}

/** What a refused form shows again: the name and email as sent when they were acceptable (else empty), and a safe next. */
function echoed(body: unknown): { name: string; email: string; next: string } {
  const shown = (field: 'name' | 'email' | 'next') => {
    try {
      return readTextField(body, field, SIGNUP_FIELDS[field])
    } catch {
      return ''
    }
  }
  return { name: shown('name'), email: shown('email'), next: safeNext(shown('next')) }
}
