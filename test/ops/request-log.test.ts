/**
 * What the request log really holds: credentials in query strings are replaced however deeply they
 * are tucked away (percent-encoded once or twice inside next, inside any parameter whose value is a
 * URL, behind an encoded parameter name), and the rest of the URL stays readable.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/app/build-server.js'
import { loadConfig } from '../../src/app/config.js'
import { createTestDatabase } from '../helpers/database.js'

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A server logging at info into `lines`, one parsed object per line. */
async function loggingServer(lines: Array<Record<string, unknown>>): Promise<FastifyInstance> {
  const database = await createTestDatabase()
  const config = { ...loadConfig({ database: database.url, publicUrl: 'http://kiroku.test' }, {}), logLevel: 'info', rateLimitPerMinute: 0 }
  return buildServer(config, { afterClose: database.drop, logStream: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) } })
}

const SECRET = 'SECRETVALUE7'
const once = encodeURIComponent
const twice = (value: string) => once(once(value))

describe('the request log', () => {
  it.each([
    ['in next, unencoded', `/login?next=/activate?user_code=${SECRET}`],
    ['in next, percent-encoded once', `/login?next=${once(`/activate?user_code=${SECRET}`)}`],
    ['in next, percent-encoded twice', `/login?next=${twice(`/activate?user_code=${SECRET}`)}`],
    ['in a next inside next', `/login?next=${once(`/login?next=${once(`/activate?user_code=${SECRET}`)}`)}`],
    ['in a redirect URI with a query', `/api/v2/oauth/authorize?client_id=1&response_type=code&redirect_uri=${once(`https://app.example/cb?code=${SECRET}&x=1`)}`],
    ['in an encoded fragment', `/login?next=${once(`/api/v2/oauth/pin#access_token=${SECRET}`)}`],
    ['behind an encoded parameter name', `/login?user%5Fcode=${SECRET}&next=/`],
    ['in a value that is a query string', `/login?state=${once(`a=1&refresh_token=${SECRET}`)}`],
    ['as a password in a query', `/login?password=${SECRET}`],
  ])('never holds a credential %s', async (_label, url) => {
    const lines: Array<Record<string, unknown>> = []
    app = await loggingServer(lines)
    const res = await app.inject({ method: 'GET', url })
    expect(res.statusCode).toBeLessThan(500)
    const incoming = lines.find((l) => l.msg === 'incoming request')
    expect(incoming).toBeDefined()
    const logged = (incoming!.req as { url: string }).url
    expect(logged).toContain('[redacted]')
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(SECRET)
  })

  it('keeps the rest of the URL as it was', async () => {
    const lines: Array<Record<string, unknown>> = []
    app = await loggingServer(lines)
    const next = once(`/activate?user_code=${SECRET}`)
    await app.inject({ method: 'GET', url: `/api/v2/oauth/authorize?client_id=1&response_type=code&state=xyz&next=${next}&postcode=123` })
    const logged = (lines.find((l) => l.msg === 'incoming request')!.req as { url: string }).url
    expect(logged).toBe(`/api/v2/oauth/authorize?client_id=1&response_type=code&state=xyz&next=${once('/activate?user_code=')}[redacted]&postcode=123`)
  })
})
