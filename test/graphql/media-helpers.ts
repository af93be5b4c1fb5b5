/** Shared by the catalog's GraphQL tests: run a document as a client would, twice. */
import { expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { graphql } from '../helpers/flow.js'

/**
 * Sends the document twice and checks both answers match: Mercurius compiles a document with graphql-jit
 * once it has been seen, so the second run takes the compiled path.
 */
export async function ask(app: FastifyInstance, query: string, variables?: unknown, token?: string) {
  const first = await graphql(app, query, token, variables)
  const second = await graphql(app, query, token, variables)
  expect(second.body, 'the compiled (JIT) run answers like the first').toEqual(first.body)
  expect(second.status).toBe(first.status)
  return first
}

/** The ids of `Page.media` for inline arguments, in id order unless the arguments sort. */
export async function mediaIds(app: FastifyInstance, args: string, variables?: Record<string, unknown>, declarations = ''): Promise<number[]> {
  const sort = args.includes('sort:') ? '' : ', sort: ID'
  const query = `query ${declarations ? `(${declarations}) ` : ''}{ Page(perPage: 50) { media(${args}${sort}) { id } } }`
  const res = await ask(app, query, variables)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.Page.media.map((m: { id: number }) => m.id)
}
