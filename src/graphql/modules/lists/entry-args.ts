/**
 * The arguments of `Query.MediaList` and `Page.mediaList` as an entry query: the user name turned
 * into an id, the viewer's access (private entries), `isFollowing` and `compareWithAuthList`.
 */
import { findUserByName } from '../../../accounts/users.js'
import { checkEntryFilter, type EntryQuery, type MediaListFilter } from '../../../lists/entry-query.js'
import { checkArguments } from '../../../query/caps.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import { usersById } from '../users/loaders.js'

/** AniList's arguments of a MediaList query. */
export type MediaListArgs = MediaListFilter & {
  userName?: string | null
  isFollowing?: boolean | null
  compareWithAuthList?: boolean | null
  sort?: ReadonlyArray<string | null> | null
}

/**
 * The query the arguments ask for. A user name that names no one matches no entry (as does a name
 * and an id of two different users). Kiroku has no follows: `isFollowing: true` matches nothing.
 */
export async function entryQueryOf(args: MediaListArgs, ctx: GraphqlContext): Promise<EntryQuery> {
  const { userName, isFollowing, compareWithAuthList, sort, ...filter } = args
  checkEntryFilter(filter)
  checkArguments({ userName })
  const viewer = viewerId(ctx)
  let none = isFollowing === true
  if (typeof userName === 'string') {
    const user = await findUserByName(ctx.kiroku.db, userName)
    if (user) ctx.loaders.of(usersById).prime(user.id, user)
    if (!user || (filter.userId != null && filter.userId !== user.id)) none = true
    else filter.userId = user.id
  }
  return { filter, sort, access: { viewerId: viewer, alsoOnListOf: compareWithAuthList === true ? viewer : null, none } }
}
