/**
 * GraphQL request helpers: raw requests through app.inject, AniList's error shape as an assertion,
 * and a server that serves a small schema of the test's own through Kiroku's real GraphQL plugin
 * (rate limit, request checks, error formatting), for plumbing that today's schema cannot reach.
 */
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { registerGraphql } from '../../src/graphql/server/plugin.js'
import { PAGE, PAGE_OPENER } from '../../src/graphql/server/list-sizes.js'
import type { Config } from '../../src/app/config.js'
import { testServer, type TestServer } from './server.js'

/** POSTs a JSON body (any shape, or raw text) to `url`. */
export function postJson(app: FastifyInstance, body: unknown, options: { url?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: options.url ?? '/graphql',
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** GETs `url` with the GraphQL parameters in the query string. */
export function getQuery(app: FastifyInstance, params: Record<string, string>, options: { url?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url: `${options.url ?? '/graphql'}?${new URLSearchParams(params)}`, headers: options.headers } as InjectOptions)
}

export interface AniListErrorBody {
  data: unknown
  errors: Array<{ message: string; status: number; locations?: Array<{ line: number; column: number }> }>
}

/**
 * Asserts AniList's error response: the HTTP status, JSON, `data` before `errors`, and every error
 * with a string message and a numeric status, the first one equal to the HTTP status.
 */
export function expectAniListError(res: LightMyRequestResponse, status: number, message?: string | RegExp): AniListErrorBody {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json() as AniListErrorBody
  expect(Object.keys(body)).toEqual(['data', 'errors'])
  expect(body.errors.length).toBeGreaterThan(0)
  for (const error of body.errors) {
    expect(typeof error.message).toBe('string')
    expect(typeof error.status).toBe('number')
  }
  expect(body.errors[0]!.status).toBe(status)
  if (typeof message === 'string') expect(body.errors[0]!.message).toBe(message)
  else if (message) expect(body.errors[0]!.message).toMatch(message)
  return body
}

export interface SchemaServer {
  app: FastifyInstance
  base: TestServer
  close(): Promise<void>
}

/**
 * Kiroku's GraphQL plugin serving `sdl` and `resolvers`, on a fresh test server's context. The cost
 * model knows Page's scope and `Page.media` as a page of items, as Kiroku's own modules declare them.
 */
export async function schemaServer(sdl: string, resolvers: Record<string, unknown>, overrides: Partial<Config> = {}): Promise<SchemaServer> {
  const base = await testServer(overrides)
  const app = Fastify({ logger: false })
  const listSizes = { lists: { 'Page.media': PAGE }, openers: PAGE_OPENER }
  await app.register(async (api) => registerGraphql(api, base.app.kiroku, { sdl, resolvers, listSizes }))
  await app.ready()
  return {
    app,
    base,
    close: async () => {
      await app.close()
      await base.app.close()
    },
  }
}
