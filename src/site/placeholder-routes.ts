/**
 * GET /img/placeholder/{media|character|staff|studio}/{id}.svg: the picture every image URL Kiroku
 * has no imported picture for points at (web/placeholder-image.ts).
 *
 * - A well-formed id answers 200 whether or not the item exists: an <img> must never break, and a
 *   work imported later then simply gets its name. An unknown item is cached for minutes, not a day.
 * - A malformed URL (letters, a number no row can have, another extension) is a 404.
 * - The SVG may carry no script: a CSP of default-src 'none' and sandbox, and nosniff, so that even
 *   opened on its own the picture runs nothing.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { PlaceholderKind } from '../web/placeholder-image.js'
import { isRowId } from '../storage/row-ids.js'
import { colourFromId, drawPlaceholder } from './placeholder-svg.js'
import { placeholderSubject } from './placeholder-names.js'

const KINDS: ReadonlySet<string> = new Set<PlaceholderKind>(['media', 'character', 'staff', 'studio'])
// At most ten digits and no leading zero: one URL per picture, and nothing long reaches Number().
const FILE = /^([1-9][0-9]{0,9})\.svg$/
const KNOWN_MAX_AGE = 86_400
const UNKNOWN_MAX_AGE = 300

/** No script, style sheet, font or sub-resource of any kind; sandboxed when opened on its own. */
export const PLACEHOLDER_CSP = "default-src 'none'; sandbox"

/** Adds GET (and so HEAD) /img/placeholder/:kind/:file to the server. */
export function registerPlaceholderRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { kind: string; file: string } }>('/img/placeholder/:kind/:file', async (request, reply) => {
    const { kind, file } = request.params
    const match = FILE.exec(file)
    const id = match ? Number(match[1]) : NaN
    if (!KINDS.has(kind) || !isRowId(id)) {
      return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not Found')
    }
    const subject = await placeholderSubject(ctx.db, kind as PlaceholderKind, id)
    const svg = drawPlaceholder({ name: subject.name, caption: `${kind} ${id}`, background: subject.colour ?? colourFromId(id) })
    const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 22)}"`
    reply
      .header('cache-control', `public, max-age=${subject.known ? KNOWN_MAX_AGE : UNKNOWN_MAX_AGE}`)
      .header('etag', etag)
      .header('content-security-policy', PLACEHOLDER_CSP)
      .header('x-content-type-options', 'nosniff')
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send()
    return reply.type('image/svg+xml; charset=utf-8').send(svg)
  })
}

/** If-None-Match holds this ETag (or *): the client's copy is current. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t === etag || t === `W/${etag}`
  })
}
