/**
 * The GraphQL explorer at /graphiql: GraphiQL from npm, its files served by Kiroku (assets.ts), started
 * by a small script of our own (static/site/explorer.js). A logged-in user's page asks
 * POST /graphiql/token for a short-lived access token of the explorer client (oauth/explorer-tokens.ts)
 * and sends it as `Authorization: Bearer`; the token is never in a URL, never in the HTML and never
 * stored by the page. A visitor's page sends no token, so only public queries answer.
 */
import { loginPath } from '../../web/login-redirect.js'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { EXPLORER_PATH, issueExplorerToken } from '../../oauth/explorer-tokens.js'
import { EXPLORER_ASSET_PREFIX, EXPLORER_ASSETS, explorerAssetUrl, readExplorerAsset } from './assets.js'
import { cspNonceOf } from '../../web/security-headers.js'

export const EXPLORER_TOKEN_PATH = `${EXPLORER_PATH}/token`
/** Where the explorer sends queries (graphql/server/plugin.ts's GRAPHQL_PATH; site/ may not import graphql/). */
const GRAPHQL_ENDPOINT = '/graphql'

export const USER_DEFAULT_QUERY = '{ Viewer { name } }'
export const VISITOR_DEFAULT_QUERY = `{
  Page(perPage: 5) {
    media(type: ANIME) {
      id
      title { romaji }
    }
  }
}
`

/**
 * The explorer page's own CSP: the site's strict one (web/security-headers.ts) with two relaxations
 * GraphiQL needs, nothing else. Scripts still run only by this response's nonce.
 * - style-src adds this response's nonce: GraphiQL's dialogs (Radix, react-remove-scroll) add <style>
 *   elements at run time, and take the nonce from `__webpack_nonce__`, which explorer.js sets. No
 *   'unsafe-inline': a style element without the nonce (one injected by markup) is still refused.
 * - font-src adds data: GraphiQL's style sheet carries its fonts inline as data: URLs.
 */
export function explorerCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'`
}

export function registerExplorerRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const scripts = [explorerAssetUrl('react-', '.js'), explorerAssetUrl('react-dom-', '.js'), explorerAssetUrl('graphiql-', '.js')]
  const styles = [explorerAssetUrl('graphiql-', '.css')]

  app.get(EXPLORER_PATH, async (request, reply) => {
    reply.header('content-security-policy', explorerCsp(cspNonceOf(reply)))
    const loggedIn = request.user !== null
    return ctx.views.page(request, reply, 'site/explorer/graphiql', {
      title: 'GraphQL explorer',
      wide: true,
      section: 'explorer',
      styles: ['site/explorer.css'],
      libraryStyles: styles,
      libraryScripts: scripts,
      loggedIn,
      tokenUrl: loggedIn ? EXPLORER_TOKEN_PATH : '',
      endpoint: GRAPHQL_ENDPOINT,
      defaultQuery: loggedIn ? USER_DEFAULT_QUERY : VISITOR_DEFAULT_QUERY,
      loginUrl: loginPath(EXPLORER_PATH),
    })
  })

  // JSON for explorer.js. A form-encoded POST carrying the session's CSRF token: another site can
  // neither make one that passes nor read the answer.
  app.post(EXPLORER_TOKEN_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!request.user) return reply.code(401).send({ error: 'login_required', message: 'Log in to get an explorer token.' })
    sessions.checkCsrf(request)
    const issued = await issueExplorerToken(ctx, request.user.id)
    return reply.send({ accessToken: issued.accessToken, expiresAt: issued.expiresAt, expiresIn: issued.expiresIn })
  })

  app.get<{ Params: { name: string } }>(`${EXPLORER_ASSET_PREFIX}:name`, async (request, reply) => {
    const asset = EXPLORER_ASSETS.get(request.params.name)
    if (!asset) return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.type)
      .send(await readExplorerAsset(asset))
  })
}
