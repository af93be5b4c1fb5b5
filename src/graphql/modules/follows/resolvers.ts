/**
 * Resolvers for follows: ToggleFollow, User.isFollowing and isFollower, Query.Following and Follower,
 * Page.following and Page.followers. The rule of following is social/follow-user.ts's, shared with
 * the site's Follow button.
 */
import type { User } from '../../../accounts/users.js'
import { countFollowPage, followPage, type FollowDirection } from '../../../social/follows.js'
import { toggleFollowOf } from '../../../social/follow-user.js'
import { checkArguments } from '../../../query/caps.js'
import { NotFoundError, UnauthorizedError, ValidationError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { usersById } from '../users/loaders.js'
import { followsViewer, viewerFollows } from './loaders.js'

interface FollowArgs {
  userId: number
  sort?: ReadonlyArray<string | null> | null
}

/** Refuses, with a 400, arguments too large to run (query/caps.ts: the sort list's length). */
function checked(args: FollowArgs): FollowArgs {
  checkArguments(args)
  return args
}

/** The first user of one side of a user's follows, or a 404. */
async function firstOf(direction: FollowDirection, args: FollowArgs, ctx: GraphqlContext): Promise<User> {
  const [user] = await followPage(ctx.kiroku.db, direction, checked(args).userId, args.sort, { limit: 1, offset: 0 })
  if (!user) throw new NotFoundError()
  ctx.loaders.of(usersById).prime(user.id, user)
  return user
}

/** One page of one side of a user's follows; its users prime usersById. */
async function pageOf(direction: FollowDirection, page: PageRequest, args: FollowArgs, ctx: GraphqlContext): Promise<User[]> {
  const users = await followPage(ctx.kiroku.db, direction, checked(args).userId, args.sort, page.window)
  for (const u of users) ctx.loaders.of(usersById).prime(u.id, u)
  return users
}

const Query: TypeResolvers<'Query', unknown> = {
  Following: (_root, args: FollowArgs, ctx) => firstOf('following', args, ctx),
  Follower: (_root, args: FollowArgs, ctx) => firstOf('followers', args, ctx),
}

const Page: TypeResolvers<'Page', PageRequest> = {
  following: (page, args: FollowArgs, ctx) => pageOf('following', page, args, ctx),
  followers: (page, args: FollowArgs, ctx) => pageOf('followers', page, args, ctx),
}

const Mutation: TypeResolvers<'Mutation', unknown> = {
  /** Checks the token, then the user (a 404 for none, a validation error for the viewer), then toggles. */
  async ToggleFollow(_root, args: { userId?: number | null }, ctx) {
    const viewer = viewerId(ctx)
    if (viewer === null) throw new UnauthorizedError()
    if (args.userId == null) throw new ValidationError({ userId: ['The user id field is required.'] })
    const user = await ctx.loaders.of(usersById).load(args.userId)
    if (!user) throw new NotFoundError()
    if (user.id === viewer) throw new ValidationError({ userId: ['You cannot follow yourself.'] })
    const following = await toggleFollowOf(ctx.kiroku.db, ctx.kiroku.clock, viewer, user.id)
    ctx.loaders.of(viewerFollows).forget(`${viewer}:${user.id}`)
    if (following) ctx.loaders.of(viewerFollows).prime(`${viewer}:${user.id}`, true)
    return user
  },
}

const UserFields: TypeResolvers<'User', User> = {
  async isFollowing(user, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer !== null && (await ctx.loaders.of(viewerFollows).load(`${viewer}:${user.id}`)) !== null
  },
  async isFollower(user, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer !== null && (await ctx.loaders.of(followsViewer).load(`${viewer}:${user.id}`)) !== null
  },
}

/** The resolvers of the follows module. */
export const followResolvers = { Query, Page, Mutation, User: UserFields }

/** How many users a Page.following or Page.followers matches (for pageInfo). */
export const followCounter = (direction: FollowDirection) => (args: Record<string, unknown>, ctx: GraphqlContext) =>
  countFollowPage(ctx.kiroku.db, direction, checked(args as unknown as FollowArgs).userId)
