/**
 * UpdateFavouriteOrder: reorders the viewer's favourites of each kind named (accounts/favourites.ts
 * reorderFavourites). Every kind is checked before any is changed, so a refused request changes
 * nothing; a problem is a validation error on the argument at fault (Laravel-style, as AniList's).
 */
import { FAVOURITE_TYPES, favouriteIdsOf, reorderFavourites, type FavouriteType } from '../../../accounts/favourites.js'
import { UnauthorizedError, ValidationError } from '../../../errors/refusals.js'
import { MAX_LIST_VALUES } from '../../../query/caps.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'

/** Each type's pair of arguments. */
const ARGUMENTS: Record<FavouriteType, { ids: string; order: string }> = {
  ANIME: { ids: 'animeIds', order: 'animeOrder' },
  MANGA: { ids: 'mangaIds', order: 'mangaOrder' },
  CHARACTER: { ids: 'characterIds', order: 'characterOrder' },
  STAFF: { ids: 'staffIds', order: 'staffOrder' },
  STUDIO: { ids: 'studioIds', order: 'studioOrder' },
}

type OrderArgs = Record<string, ReadonlyArray<number | null> | null | undefined>

const present = (values: ReadonlyArray<number | null> | null | undefined) => (values ?? []).filter((v): v is number => v !== null)

/**
 * Runs the reorder; `afterChange` is told which types changed (the module forgets its cached
 * favourites). Returns what Favourites resolves from.
 */
export async function updateFavouriteOrder(args: OrderArgs, ctx: GraphqlContext, afterChange: (userId: number, type: FavouriteType) => void) {
  const userId = viewerId(ctx)
  if (userId === null) throw new UnauthorizedError()
  const requests: Array<{ type: FavouriteType; ids: number[]; order: number[] }> = []
  for (const type of FAVOURITE_TYPES) {
    const names = ARGUMENTS[type]
    if (args[names.ids] == null && args[names.order] == null) continue
    const ids = present(args[names.ids])
    const order = present(args[names.order])
    if (ids.length > MAX_LIST_VALUES) throw new ValidationError({ [names.ids]: [`The ${names.ids} may not have more than ${MAX_LIST_VALUES} items.`] })
    if (ids.length !== order.length) throw new ValidationError({ [names.order]: [`The ${names.order} must have as many items as ${names.ids}.`] })
    requests.push({ type, ids, order })
  }
  if (requests.length === 0) throw new ValidationError({ animeIds: ['The anime ids field is required when none of manga ids / character ids / staff ids / studio ids are present.'] })
  // Check every kind before changing any, so a refused request changes nothing.
  for (const { type, ids } of requests) {
    const owned = new Set((await favouriteIdsOf(ctx.kiroku.db, [userId], type)).get(userId) ?? [])
    const names = ARGUMENTS[type]
    if (new Set(ids).size !== ids.length) throw new ValidationError({ [names.ids]: [`The ${names.ids} field has a duplicate value.`] })
    if (ids.some((id) => !owned.has(id))) throw new ValidationError({ [names.ids]: [`The selected ${names.ids} are not all among your favourites.`] })
  }
  for (const { type, ids, order } of requests) {
    // Checked again inside its transaction: a favourite removed meanwhile is refused, not reordered.
    const problem = await reorderFavourites(ctx.kiroku.db, userId, type, ids, order)
    if (problem) throw new ValidationError({ [ARGUMENTS[type].ids]: [`The ${ARGUMENTS[type].ids} changed while they were reordered (${problem}); try again.`] })
    afterChange(userId, type)
  }
  return { userId, page: null }
}
