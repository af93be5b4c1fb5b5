/**
 * The works of a person as a MediaConnection (Character.media, Staff.staffMedia,
 * Staff.characterMedia): the person's links read whole through the loaders, the works through the
 * media loader, then filtered by type and onList, ordered by MediaSort and cut to the page.
 */
import type { Media } from '../../../catalog/media.js'
import { findMedia } from '../../../catalog/media-query.js'
import { sortByMedia } from '../../../people/media-order.js'
import type { GraphqlContext } from '../../server/context.js'
import { mediaById } from '../media/loaders.js'
import { onListConditions } from '../media/on-list.js'
import { connectionOf, pageOfItems, type PageArgs } from './connection.js'
import type { PersonMediaEdgeValue } from './edges.js'

export interface PersonMediaArgs extends PageArgs {
  sort?: ReadonlyArray<string | null> | null
  type?: string | null
  onList?: boolean | null
}

/** An edge before its work is loaded: the work's id and its place among the person's links. */
export type PendingEdge = Omit<PersonMediaEdgeValue, 'node'> & { mediaId: number; position: number }

/**
 * The connection. `onList` needs the viewer's list, so it alone costs a query per person (it is
 * rare on a person's works); every other argument is applied to the loaded works.
 */
export async function personMediaConnection(ctx: GraphqlContext, pending: readonly PendingEdge[], args: PersonMediaArgs) {
  const media = await ctx.loaders.of(mediaById).loadMany(pending.map((p) => p.mediaId))
  let edges = pending.flatMap((p, i) => {
    const node = media[i]
    if (!node || (args.type && node.type !== args.type)) return []
    const { mediaId: _mediaId, position, ...rest } = p
    return [{ ...rest, node, position }]
  })
  const conditions = onListConditions(args, ctx)
  if (conditions.length > 0 && edges.length > 0) {
    const ids = [...new Set(edges.map((e) => e.node.id))]
    const kept = await findMedia(ctx.kiroku.db, { filter: { id_in: ids }, extraConditions: conditions }, { limit: ids.length, offset: 0 })
    const keptIds = new Set(kept.map((m: Media) => m.id))
    edges = edges.filter((e) => keptIds.has(e.node.id))
  }
  const sorted = sortByMedia(edges, args.sort, (e) => e.node, (e) => e.position)
  const { items, pageInfo } = pageOfItems(sorted, args)
  return connectionOf<PersonMediaEdgeValue, Media>(items, pageInfo)
}
