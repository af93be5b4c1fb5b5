/**
 * The JSON body parser: Fastify's own, behind a check of how deeply the body nests. V8 parses a
 * megabyte of `[[[[…]]]]` in about 100 ms, all of it on the event loop, so one such request stalls every
 * other; no real body nests past a few dozen levels (GraphQL variables are refused past 64 anyway,
 * graphql/server/request-params.ts, but only after the parse). The check walks the text once and stops
 * at the first level past the limit; bodies too short to nest that deep are not walked at all.
 */
import type { FastifyInstance } from 'fastify'

/** The most levels of `[` and `{` a JSON body may open. */
export const MAX_JSON_BODY_NESTING = 128

/** Whether `text` opens more than `max` levels of arrays and objects (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  if (text.length <= max) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // a backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}

class JsonTooDeepError extends Error {
  readonly statusCode = 400
  readonly code = 'KIROKU_JSON_TOO_DEEP'
  constructor() {
    super(`The request body is nested too deeply: more than ${MAX_JSON_BODY_NESTING} levels of lists and objects.`)
  }
}

/** Replaces the application/json parser with Fastify's own (same poisoning rules) behind the nesting check. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? 'error', app.initialConfig.onConstructorPoisoning ?? 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string, MAX_JSON_BODY_NESTING)) return done(new JsonTooDeepError(), undefined)
    return parse(request, body as string, done)
  })
}
