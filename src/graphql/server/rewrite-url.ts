/**
 * AniList serves GraphQL at the root of its graphql host, so Kiroku answers it at `/` too: every
 * `POST /`, and a `GET /` that carries a `query` parameter (a `GET /` without one is the home page).
 */
import { GRAPHQL_PATH } from './plugin.js'

/** The URL a request is routed by: GraphQL requests to the root become GRAPHQL_PATH requests. */
export function rewriteToGraphql(method: string | undefined, url: string): string {
  if (url !== '/' && !url.startsWith('/?')) return url
  if (method === 'POST') return GRAPHQL_PATH + url.slice(1)
  if (method === 'GET' && new URLSearchParams(url.slice(2)).has('query')) return GRAPHQL_PATH + url.slice(1)
  return url
}
