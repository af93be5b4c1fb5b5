// @jmondi/oauth2-server 4's implicit grant behind Fastify (Kiroku's version; the library ships a
// Fastify adapter), with in-memory repositories written here. A remembered approval: GET /authorize
// with the session cookie of a logged-in user who approved the client answers 302 at once. The
// library signs its access tokens HS256 with its JwtService (jsonwebtoken): not RS256 like the others.
// Usage (from bench/reference/run.mjs): node jmondi.mjs --kiroku DIR
import crypto from 'node:crypto'
import { AuthorizationServer } from '@jmondi/oauth2-server'
import { handleFastifyError, handleFastifyReply, requestFromFastify } from '@jmondi/oauth2-server/fastify'
import { announce, announceFailure } from '../../lib/child-server.mjs'
import { importFrom, option } from '../../lib/resolve.mjs'

const REDIRECT = 'https://bench.example/cb'
const client = { id: 'bench-client', name: 'Bench', secret: null, redirectUris: [REDIRECT], allowedGrants: ['implicit'], scopes: [] }
const user = { id: 'bench-user', name: 'bench' }
const sessions = new Map([[crypto.randomBytes(24).toString('base64url'), user]])
const approvals = new Set([`${user.id} ${client.id}`])
const tokens = new Map()

const clientRepository = {
  async getByIdentifier(id) { if (id !== client.id) throw new Error('unknown client'); return client },
  async isClientValid(grantType, found) { return found.allowedGrants.includes(grantType) },
}
const scopeRepository = {
  async getAllByIdentifiers(names) { return names.map((name) => ({ name })) },
  async finalize(scopes) { return scopes },
}
const tokenRepository = {
  async issueToken(tokenClient, scopes, tokenUser) {
    return { accessToken: crypto.randomBytes(32).toString('hex'), accessTokenExpiresAt: new Date(Date.now() + 3600_000), client: tokenClient, user: tokenUser, scopes }
  },
  async persist(token) {
    tokens.set(token.accessToken, token)
    // A bounded store: the run issues tens of thousands, and the bench measures issuing, not memory.
    if (tokens.size > 50_000) tokens.delete(tokens.keys().next().value)
  },
  async issueRefreshToken() { throw new Error('no refresh tokens in this bench') },
  async revoke(token) { tokens.delete(token.accessToken) },
  async isRefreshTokenRevoked() { return true },
  async getByRefreshToken() { throw new Error('no refresh tokens in this bench') },
}

const sessionOf = (cookieHeader = '') => {
  for (const part of cookieHeader.split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === 'session') return sessions.get(value) ?? null
  }
  return null
}

try {
  const dir = option(process.argv, '--kiroku', process.cwd())
  const { default: Fastify } = await importFrom(dir, 'fastify')
  const server = new AuthorizationServer(clientRepository, tokenRepository, scopeRepository, crypto.randomBytes(32).toString('hex'), { implicitRedirectMode: 'fragment' })
  server.enableGrantType('implicit')

  const app = Fastify({ logger: false })
  app.get('/authorize', async (request, reply) => {
    try {
      const authorization = await server.validateAuthorizationRequest(requestFromFastify(request))
      const loggedIn = sessionOf(request.headers.cookie)
      // The bench measures the remembered-approval path only: no login or consent page here.
      if (!loggedIn) return reply.code(401).send({ error: 'login_required' })
      authorization.user = loggedIn
      authorization.isAuthorizationApproved = approvals.has(`${loggedIn.id} ${authorization.client.id}`)
      return handleFastifyReply(reply, await server.completeAuthorizationRequest(authorization))
    } catch (error) {
      return handleFastifyError(error, reply)
    }
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  announce(url, { cookie: `session=${[...sessions.keys()][0]}`, clientId: client.id, redirectUri: REDIRECT })
} catch (error) {
  announceFailure(error)
}
