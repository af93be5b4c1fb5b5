// The stack's own limits, in a child process: Fastify (Kiroku's version) with a hello world (GET /),
// an implicit "authorize" that only signs an RS256 JWT with jose and answers 302 with it in the
// fragment (GET /sign), and a "Viewer" that only verifies a Bearer RS256 JWT with jose (POST /verify).
// Usage (from bench/reference/run.mjs): node bare.mjs --kiroku DIR
import crypto from 'node:crypto'
import { announce, announceFailure } from '../../lib/child-server.mjs'
import { importFrom, option } from '../../lib/resolve.mjs'

try {
  const dir = option(process.argv, '--kiroku', process.cwd())
  const { default: Fastify } = await importFrom(dir, 'fastify')
  const jose = await importFrom(dir, 'jose')

  // A 2048-bit key imported through jose, as Kiroku imports its signing key.
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privateKey = await jose.importPKCS8(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), 'RS256')
  const publicKey = await jose.importSPKI(pair.publicKey.export({ type: 'spki', format: 'pem' }), 'RS256')
  const sign = (sub) => new jose.SignJWT({ scopes: [] })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'bench' })
    .setSubject(sub).setAudience('1').setJti(crypto.randomBytes(20).toString('hex'))
    .setIssuedAt().setExpirationTime('1h').sign(privateKey)

  const app = Fastify({ logger: false })
  app.get('/', async () => ({ hello: 'world' }))
  app.get('/sign', async (request, reply) => {
    const token = await sign('1')
    return reply.redirect(`https://bench.example/cb#access_token=${token}&token_type=Bearer&expires_in=3600`, 302)
  })
  app.post('/verify', async (request, reply) => {
    const header = request.headers.authorization ?? ''
    if (!header.startsWith('Bearer ')) return reply.code(401).send({ errors: [{ message: 'no token' }] })
    try {
      const { payload } = await jose.jwtVerify(header.slice(7), publicKey, { algorithms: ['RS256'] })
      return { data: { Viewer: { id: Number(payload.sub), name: 'bench' } } }
    } catch {
      return reply.code(401).send({ errors: [{ message: 'invalid token' }] })
    }
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  announce(url, { token: await sign('1') })
} catch (error) {
  announceFailure(error)
}
