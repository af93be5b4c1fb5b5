/**
 * The catalog's lists beside a work (tags, external links, streaming episodes) and the collections
 * of the whole catalog (GenreCollection, MediaTagCollection, ExternalLinkSourceCollection).
 */
import type { Media } from '../../../catalog/media.js'
import { allGenres } from '../../../catalog/media-store.js'
import { allTags, type MediaTag, type Tag } from '../../../catalog/tags.js'
import { externalLinkSources } from '../../../catalog/external-links.js'
import type { GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import { linksByMedia, streamingByMedia, tagsByMedia } from './loaders.js'

/** MediaTag as served: the tag's own fields, with a work's rank and spoiler flag when reached from one. */
export interface MediaTagValue extends Tag {
  rank: number | null
  isMediaSpoiler: boolean | null
  userId: null
}

export const tagValue = (tag: Tag, onMedia?: MediaTag): MediaTagValue => ({ ...tag, rank: onMedia?.rank ?? null, isMediaSpoiler: onMedia ? onMedia.isMediaSpoiler : null, userId: null })

export const catalogQuery: TypeResolvers<'Query', unknown> = {
  GenreCollection: (_root, _args, ctx) => allGenres(ctx.kiroku.db),
  MediaTagCollection: async (_root, _args, ctx) => (await allTags(ctx.kiroku.db)).map((t) => tagValue(t)),
  ExternalLinkSourceCollection: (_root, args, ctx) => externalLinkSources(ctx.kiroku.db, args),
}

export const catalogMediaFields: TypeResolvers<'Media', Media> = {
  tags: async (media: Media, _args: unknown, ctx: GraphqlContext) => ((await ctx.loaders.of(tagsByMedia).load(media.id)) ?? []).map((t) => tagValue(t.tag, t)),
  externalLinks: async (media: Media, _args: unknown, ctx: GraphqlContext) => (await ctx.loaders.of(linksByMedia).load(media.id)) ?? [],
  streamingEpisodes: async (media: Media, _args: unknown, ctx: GraphqlContext) => (await ctx.loaders.of(streamingByMedia).load(media.id)) ?? [],
}
