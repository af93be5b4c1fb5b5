/**
 * The instant a request is answered at: the server's clock, read once per request, so that every
 * timeUntilAiring and notYetAired of one answer agrees with the others.
 */
import type { GraphqlContext } from '../../server/context.js'

const nowOf = new WeakMap<GraphqlContext, number>()

export function requestNow(ctx: GraphqlContext): number {
  let now = nowOf.get(ctx)
  if (now === undefined) {
    now = ctx.kiroku.clock()
    nowOf.set(ctx, now)
  }
  return now
}
