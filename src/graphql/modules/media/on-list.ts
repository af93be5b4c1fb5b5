/** AniList's `onList` argument of Media and Page.media: conditions on the viewer's list, through the catalog's extra conditions. */
import type { Expression, SqlBool } from 'kysely'
import { onListCondition } from '../../../lists/on-list.js'
import type { GraphqlContext } from '../../server/context.js'

/** The conditions `onList` adds; none without a token, as there is no list to compare with. */
export function onListConditions(args: { onList?: boolean | null }, ctx: GraphqlContext): Expression<SqlBool>[] {
  if (typeof args.onList !== 'boolean' || ctx.auth.state !== 'valid') return []
  return [onListCondition(ctx.auth.token.userId, args.onList)]
}
