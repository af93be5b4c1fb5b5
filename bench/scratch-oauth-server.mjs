#!/usr/bin/env node
// One Kiroku server for bench/scratch-oauth.mjs, built from the dist/ of the checkout given as the
// first argument, on a throw-away SQLite file (the second). It sets up what the two OAuth hot paths
// need (a user logged in, a confidential client at an https redirect URI, the user's approval of it)
// and prints one JSON line with the address and credentials, then serves until killed.
import path from 'node:path'

const [root, file] = process.argv.slice(2)
const dist = (p) => path.join(root, 'dist', p)
const { buildServer } = await import(dist('app/build-server.js'))
const { loadConfig } = await import(dist('app/config.js'))
const { createUser } = await import(dist('accounts/users.js'))
const { createSession } = await import(dist('accounts/login-sessions.js'))
const { createClient } = await import(dist('oauth/clients.js'))
const { recordApproval } = await import(dist('oauth/approvals.js'))

const config = { ...loadConfig({ database: file, port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'warn' }
const app = await buildServer(config)
const address = await app.listen({ port: 0, host: '127.0.0.1' })
const ctx = app.kiroku
const user = await createUser(ctx.db, ctx.clock, { name: 'bench', password: 'bench-password' })
const { client, secret } = await createClient(ctx.db, ctx.clock, { name: 'Bench', redirectUris: ['https://bench.example/cb'] })
await recordApproval(ctx.db, ctx.clock, user.id, client.id)
const { token } = await createSession(ctx.db, ctx.clock, user.id, config.sessionTtlSeconds)
const cookieName = config.publicUrl.startsWith('https:') ? '__Host-kiroku_session' : 'kiroku_session'
process.stdout.write(JSON.stringify({ address, clientId: client.id, secret, cookie: `${cookieName}=${token}` }) + '\n')
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
