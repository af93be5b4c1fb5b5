/**
 * The configuration is read-only once built: startServer knows the port before it builds the app, so
 * a server asked for port 0 runs with the port it really listens on, everywhere.
 */
import { describe, expect, it } from 'vitest'
import { loadConfig, withPort } from '../../src/app/config.js'
import { startServer } from '../../src/app/start-server.js'
import { createTestDatabase } from '../helpers/database.js'

describe('the configuration', () => {
  it('is frozen once loaded', () => {
    const config = loadConfig({}, {})
    expect(Object.isFrozen(config)).toBe(true)
    expect(() => {
      ;(config as { publicUrl: string }).publicUrl = 'http://elsewhere'
    }).toThrow(TypeError)
  })

  it('withPort names the real port in a public URL that asked for port 0, and leaves others alone', () => {
    const zero = loadConfig({ port: 0 }, {})
    expect(zero.publicUrl).toBe('http://localhost:0')
    expect(withPort(zero, 4123)).toMatchObject({ port: 4123, publicUrl: 'http://localhost:4123' })
    expect(zero.publicUrl).toBe('http://localhost:0')
    const fixed = loadConfig({ port: 0, publicUrl: 'https://kiroku.example' }, {})
    expect(withPort(fixed, 4123)).toMatchObject({ port: 4123, publicUrl: 'https://kiroku.example' })
  })
})

describe('startServer on port 0', () => {
  it('builds the server with the port it listens on: config, issuer and endpoints agree', async () => {
    const database = await createTestDatabase()
    const config = { ...loadConfig({ database: database.url, port: 0, host: '127.0.0.1' }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'silent' }
    const running = await startServer(config, { afterClose: database.drop })
    try {
      const port = Number(new URL(running.address).port)
      expect(port).toBeGreaterThan(0)
      expect(running.app.kiroku.config).toMatchObject({ port, publicUrl: `http://localhost:${port}` })
      expect(Object.isFrozen(running.app.kiroku.config)).toBe(true)
      const metadata = (await (await fetch(`${running.address}/.well-known/oauth-authorization-server`)).json()) as { issuer: string; token_endpoint: string }
      expect(metadata.issuer).toBe(`http://localhost:${port}`)
      expect(metadata.token_endpoint).toBe(`http://localhost:${port}/api/v2/oauth/token`)
    } finally {
      await running.close()
    }
  })
})
