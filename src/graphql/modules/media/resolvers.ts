/** Resolvers for the catalog: `Query.Media`, `Page.media` and the fields of Media that are computed, not stored. */
import { pageInfoOf } from '../../../query/paging.js'
import type { Media, MediaRelation, MediaType } from '../../../catalog/media.js'
import type { MediaFilter } from '../../../catalog/media-filter.js'
import { checkArguments } from '../../../query/caps.js'
import { findMedia } from '../../../catalog/media-query.js'
import { seasonInt } from '../../../catalog/seasons.js'
import { relationForVersion, sourceForVersion, statusForVersion } from '../../../catalog/enum-versions.js'
import { textAsHtml } from '../../server/text-html.js'
import { preferredTitle, type TitleLanguage } from '../../../catalog/titles.js'
import type { GraphqlContext } from '../../server/context.js'
import type { PageRequest } from '../../server/page-request.js'
import type { TypeResolvers } from '../../server/module.js'
import { profiles } from '../users/loaders.js'
import { mediaById, mediaByMal } from './loaders.js'
import { countMedia } from '../../../catalog/media-query.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { onListConditions } from './on-list.js'
import { placeholderImageUrl } from '../../../web/placeholder-image.js'

/** The arguments of `Query.Media` and `Page.media`: the filters, the sort and `onList` (the viewer's list). */
export type MediaArgs = MediaFilter & { sort?: ReadonlyArray<string | null> | null; onList?: boolean | null }

/**
 * The title language `userPreferred` follows: the viewer's own option, read once per request through
 * the profile loader; romaji without a token, which is also AniList's answer to anonymous requests.
 */
export async function viewerTitleLanguage(ctx: GraphqlContext): Promise<TitleLanguage> {
  if (ctx.auth.state !== 'valid') return 'ROMAJI'
  const profile = await ctx.loaders.of(profiles).load(ctx.auth.token.userId)
  return profile?.options.titleLanguage ?? 'ROMAJI'
}

/**
 * userPreferred in the viewer's language. Resolved only when selected, so that a query without it
 * never reads the viewer's profile; without a token there is nothing to wait for.
 */
function userPreferred(title: Media['title'], ctx: GraphqlContext): string | null | Promise<string | null> {
  if (ctx.auth.state !== 'valid') return preferredTitle(title, 'ROMAJI')
  return viewerTitleLanguage(ctx).then((language) => preferredTitle(title, language))
}

/** Refuses, with a 400, a filter too large to run (thousands of ids, a page of text as a search). */
export function checkMediaArgs(args: MediaArgs): MediaArgs {
  checkArguments(args)
  return args
}

const givenKeys = (args: object) => Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)
const only = (keys: string[], allowed: string[]) => keys.every((k) => allowed.includes(k))

/**
 * One media by its arguments. An id or a MAL id (with or without type) goes through the request's
 * batching loaders, so that several aliased `Media(id: …)` fields cost one query; anything else runs
 * the filter and takes the first match.
 */
async function findOne(args: MediaArgs, ctx: GraphqlContext): Promise<Media | null> {
  const keys = givenKeys(args)
  const type = (args.type ?? undefined) as MediaType | undefined
  if (keys.includes('id') && only(keys, ['id', 'type'])) {
    const media = await ctx.loaders.of(mediaById).load(args.id!)
    return media && (!type || media.type === type) ? media : null
  }
  if (keys.includes('idMal') && only(keys, ['idMal', 'type'])) return ctx.loaders.of(mediaByMal).load(`${type ?? 'ANY'}:${args.idMal!}`)
  const [media] = await findMedia(ctx.kiroku.db, { filter: args, sort: args.sort, extraConditions: onListConditions(args, ctx) }, { limit: 1, offset: 0 })
  if (media) ctx.loaders.of(mediaById).prime(media.id, media)
  return media ?? null
}

/**
 * One edge of a MediaConnection: a related work (with its relation and AniList's edge id), or a work
 * of a studio (with whether that studio is its main one). Other modules' edges carry their own fields.
 */
export interface MediaEdgeValue {
  node: Media
  id?: number | null
  relationType?: MediaRelation | null
  isMainStudio?: boolean
}

/**
 * A media's related works as a connection. The related media of every media on a page are fetched
 * together (one query per level through the loader); works not in the catalog are left out.
 */
async function relationsOf(media: Media, ctx: GraphqlContext) {
  const related = await ctx.loaders.of(mediaById).loadMany(media.relations.map((r) => r.id))
  const edges: MediaEdgeValue[] = []
  media.relations.forEach((r, i) => {
    const node = related[i]
    if (node) edges.push({ node, id: r.edgeId ?? null, relationType: r.relationType })
  })
  // Every relation on one page: AniList does not page them.
  const pageInfo = pageInfoOf(edges.length, { page: 1, perPage: Math.max(1, edges.length) })
  return { edges, nodes: edges.map((e) => e.node), pageInfo }
}

/**
 * A work's cover in every size: the imported pictures, each missing size filled from the next larger
 * or smaller one, and without any picture this server's placeholder, so that every cover URL resolves.
 */
export function coverImageOf(media: Media, publicUrl: string): Media['coverImage'] {
  const { extraLarge, large, medium, color } = media.coverImage
  const any = extraLarge ?? large ?? medium ?? placeholderImageUrl(publicUrl, 'media', media.id)
  return { extraLarge: extraLarge ?? large ?? any, large: large ?? extraLarge ?? any, medium: medium ?? large ?? any, color }
}

const Query: TypeResolvers<'Query', unknown> = {
  async Media(_root: unknown, args: MediaArgs, ctx: GraphqlContext) {
    const media = await findOne(checkMediaArgs(args), ctx)
    if (!media) throw new NotFoundError()
    return media
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async media(page, args, ctx) {
    const media = await findMedia(ctx.kiroku.db, { filter: checkMediaArgs(args), sort: args.sort, extraConditions: onListConditions(args, ctx) }, page.window)
    for (const m of media) ctx.loaders.of(mediaById).prime(m.id, m)
    return media
  },
}

const MediaFields: TypeResolvers<'Media', Media> = {
  // Kiroku has no forum and no moderators' notes: the answers AniList gives for a work with neither.
  autoCreateForumThread: () => false,
  modNotes: () => null,
  title: (media: Media) => media.title,
  status: (media: Media, args: { version?: number | null }) => statusForVersion(media.status, args.version),
  source: (media: Media, args: { version?: number | null }) => sourceForVersion(media.source, args.version),
  description: (media: Media, args: { asHtml?: boolean | null }, ctx: GraphqlContext) =>
    media.description !== null && args.asHtml ? textAsHtml(ctx, 'description', media.description) : media.description,
  seasonInt: (media: Media) => seasonInt(media.season, media.seasonYear),
  coverImage: (media: Media, _args: unknown, ctx: GraphqlContext) => coverImageOf(media, ctx.kiroku.config.publicUrl),
  siteUrl: (media: Media, _args: unknown, ctx: GraphqlContext) => `${ctx.kiroku.config.publicUrl}/${media.type === 'ANIME' ? 'anime' : 'manga'}/${media.id}`,
  relations: (media: Media, _args: unknown, ctx: GraphqlContext) => relationsOf(media, ctx),
}

const MediaTitle: TypeResolvers<'MediaTitle', Media['title']> = {
  userPreferred: (title, _args, ctx) => userPreferred(title, ctx),
}

const MediaEdge: TypeResolvers<'MediaEdge', MediaEdgeValue> = {
  id: (edge: MediaEdgeValue) => edge.id ?? null,
  relationType: (edge: MediaEdgeValue, args: { version?: number | null }) => (edge.relationType ? relationForVersion(edge.relationType, args.version) : null),
  isMainStudio: (edge: MediaEdgeValue) => edge.isMainStudio ?? false,
}

/** The resolvers of the media module. */
export const mediaResolvers = { Query, Page, Media: MediaFields, MediaTitle, MediaEdge }

/** How many works `Page.media` matches with these arguments (for pageInfo). */
export const countMatchingMedia = (args: Record<string, unknown>, ctx: GraphqlContext) =>
  countMedia(ctx.kiroku.db, { filter: checkMediaArgs(args as MediaArgs), extraConditions: onListConditions(args as MediaArgs, ctx) })
