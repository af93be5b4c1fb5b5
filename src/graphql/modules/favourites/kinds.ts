/**
 * The kinds of thing a user can favourite, as the favourites module serves them: the
 * `ToggleFavourite` argument that names one, the `Favourites` field that lists them, and how to load
 * them. A domain that adds a kind (characters, staff, studios) adds one entry here; the mutation, the
 * connections and the checks are written once in index.ts.
 */
import type { FavouriteType } from '../../../accounts/favourites.js'
import type { GraphqlContext } from '../../server/context.js'
import { mediaById } from '../media/loaders.js'
import { characterById, staffById } from '../people/loaders.js'
import { studioById } from '../studios/loaders.js'

/** What the favourites module needs of an item: AniList lets the staff block some from favourites. */
export interface FavouriteItem {
  isFavouriteBlocked?: boolean | null
}

export interface FavouriteKind {
  type: FavouriteType
  /** The ToggleFavourite argument naming one (`animeId`). */
  argument: 'animeId' | 'mangaId' | 'characterId' | 'staffId' | 'studioId'
  /** The `Favourites` field listing them (`anime`). */
  field: 'anime' | 'manga' | 'characters' | 'staff' | 'studios'
  /** The word AniList's refusal uses ("This anime may not be added to favourites."). */
  noun: string
  /** The object type whose `isFavourite` this kind answers from its id (media answer theirs by their type). */
  objectType?: 'Character' | 'Staff' | 'Studio'
  /** The items by id, in order, null where none exists (or, for media, where the type differs); batched per request. */
  loadMany(ctx: GraphqlContext, ids: readonly number[]): Promise<Array<FavouriteItem | null>>
}

const mediaOfType = (type: 'ANIME' | 'MANGA') => async (ctx: GraphqlContext, ids: readonly number[]) =>
  (await ctx.loaders.of(mediaById).loadMany(ids)).map((m) => (m && m.type === type ? m : null))

/** Every kind, in AniList's argument order; ToggleFavourite checks and toggles them in this order. */
export const FAVOURITE_KINDS: readonly FavouriteKind[] = [
  { type: 'ANIME', argument: 'animeId', field: 'anime', noun: 'anime', loadMany: mediaOfType('ANIME') },
  { type: 'MANGA', argument: 'mangaId', field: 'manga', noun: 'manga', loadMany: mediaOfType('MANGA') },
  { type: 'CHARACTER', argument: 'characterId', field: 'characters', noun: 'character', objectType: 'Character', loadMany: (ctx, ids) => ctx.loaders.of(characterById).loadMany(ids) },
  { type: 'STAFF', argument: 'staffId', field: 'staff', noun: 'staff member', objectType: 'Staff', loadMany: (ctx, ids) => ctx.loaders.of(staffById).loadMany(ids) },
  // Studios are never blocked from favourites on AniList.
  { type: 'STUDIO', argument: 'studioId', field: 'studios', noun: 'studio', loadMany: async (ctx, ids) => (await ctx.loaders.of(studioById).loadMany(ids)).map((s) => (s ? { ...s, isFavouriteBlocked: false } : null)) },
]
