import { afterAll, beforeAll, expect, it } from 'vitest'
import { testServer, type TestServer } from './helpers/server.js'

let s: TestServer
beforeAll(async () => {
  s = await testServer()
})
afterAll(async () => s.app.close())

it('serves the home page', async () => {
  const res = await s.app.inject({ method: 'GET', url: '/' })
  expect(res.statusCode).toBe(200)
  expect(res.body).toContain('Kiroku')
})
