/**
 * The arguments of `Query.MediaList` and `Page.mediaList` as an entry query: the user name turned
 * into an id, the viewer's access (private entries), `isFollowing` and `compareWithAuthList`.
 */
import { findUserByName } from '../../../accounts/users.js'
import { checkEntryFilter, type EntryQuery, type MediaListFilter } from '../../../lists/entry-query.js'
import { checkArguments } from '../../../query/caps.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import { usersById } from '../users/loaders.js'
import { followedUsersCondition } from '../../../social/follows.js'
import { sql } from 'kysely'

/** AniList's arguments of a MediaList query. */
export type MediaListArgs = MediaListFilter & {
  userName?: string | null
  isFollowing?: boolean | null
  compareWithAuthList?: boolean | null
  sort?: ReadonlyArray<string | null> | null
}

/**
 * The query the arguments ask for. A user name that names no one matches no entry (as does a name
 * and an id of two different users). `isFollowing: true` keeps the entries of the users the viewer
 * follows (none without a token); false changes nothing, as on AniList.
 */
export async function entryQueryOf(args: MediaListArgs, ctx: GraphqlContext): Promise<EntryQuery> {
  const { userName, isFollowing, compareWithAuthList, sort, ...filter } = args
  checkEntryFilter(filter)
  checkArguments({ userName })
  const viewer = viewerId(ctx)
  let none = isFollowing === true && viewer === null
  const extraConditions = isFollowing === true && viewer !== null ? [followedUsersCondition(ctx.kiroku.db, viewer, sql.ref('media_list.user_id'))] : []
  if (typeof userName === 'string') {
    const user = await findUserByName(ctx.kiroku.db, userName)
    if (user) ctx.loaders.of(usersById).prime(user.id, user)
    if (!user || (filter.userId != null && filter.userId !== user.id)) none = true
    else filter.userId = user.id
  }
  return { filter, sort, access: { viewerId: viewer, alsoOnListOf: compareWithAuthList === true ? viewer : null, none, extraConditions } }
}
