/**
 * Resolvers for users: `Viewer`, `User`, `Page.users`, the fields of User computed from the account and
 * its profile (UpdateUser is the settings module's). Profiles load through the profiles loader, so a page of
 * users reads every profile in one query. The account's email is never read here.
 */
import type { User } from '../../../accounts/users.js'
import { countMatchingUsers, findUsers, type UserFilter } from '../../../accounts/user-query.js'
import { checkArguments } from '../../../query/caps.js'
import type { Profile, UserOptions } from '../../../accounts/profiles.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { PageRequest } from '../../server/page-request.js'
import type { TypeResolvers } from '../../server/module.js'
import { previousNames, profiles, userRoles, usersById, usersByName } from './loaders.js'
import { NotFoundError, UnauthorizedError } from '../../../errors/refusals.js'
import { textAsHtml } from '../../server/text-html.js'

/** The arguments of `Query.User` and `Page.users`. */
export type UserArgs = UserFilter & { sort?: ReadonlyArray<string | null> | null }

/** AniList's NotificationType values, in its order: the full list UserOptions.notificationOptions shows. */
export const NOTIFICATION_TYPES = [
  'ACTIVITY_MESSAGE', 'ACTIVITY_REPLY', 'FOLLOWING', 'ACTIVITY_MENTION', 'THREAD_COMMENT_MENTION', 'THREAD_SUBSCRIBED',
  'THREAD_COMMENT_REPLY', 'AIRING', 'ACTIVITY_LIKE', 'ACTIVITY_REPLY_LIKE', 'THREAD_LIKE', 'THREAD_COMMENT_LIKE',
  'ACTIVITY_REPLY_SUBSCRIBED', 'RELATED_MEDIA_ADDITION', 'MEDIA_DATA_CHANGE', 'MEDIA_MERGE', 'MEDIA_DELETION',
] as const

/** The list statuses, in AniList's order: the full list UserOptions.disabledListActivity shows. */
export const LIST_STATUSES = ['CURRENT', 'PLANNING', 'COMPLETED', 'DROPPED', 'PAUSED', 'REPEATING'] as const

/** The default pictures served from /static/ for users who chose none. */
export const DEFAULT_AVATAR = { large: '/static/default-avatar-large.png', medium: '/static/default-avatar-medium.png' }

/** Refuses, with a 400, a filter too large to run. */
export function checkUserArgs(args: UserArgs): UserArgs {
  checkArguments(args)
  return args
}

async function profileOf(user: User, ctx: GraphqlContext): Promise<Profile> {
  const profile = await ctx.loaders.of(profiles).load(user.id)
  // getProfiles answers every id it is asked (defaults when nothing is stored).
  return profile!
}

/**
 * The options as others see them: everything but the timezone, which AniList shows only to its owner.
 * Every notification kind and list status is listed, with its default when the user never set it.
 */
function presentOptions(options: UserOptions, isOwner: boolean) {
  const notifications = new Map(options.notificationOptions.map((o) => [o.type, o.enabled]))
  const listActivity = new Map(options.disabledListActivity.map((o) => [o.type, o.disabled]))
  return {
    ...options,
    timezone: isOwner ? options.timezone : null,
    notificationOptions: NOTIFICATION_TYPES.map((type) => ({ type, enabled: notifications.get(type) ?? true })),
    disabledListActivity: LIST_STATUSES.map((type) => ({ type, disabled: listActivity.get(type) ?? false })),
  }
}

/**
 * One user by its arguments. An id alone or a name alone (the usual lookups) goes through the
 * request's loaders, so that several aliased `User` fields cost one query; anything else runs the
 * filter and takes the first match. Sorts cannot change which user a lone id or name finds.
 */
async function findOne(args: UserArgs, ctx: GraphqlContext): Promise<User | null> {
  const given = Object.entries(args).filter(([key, value]) => value != null && key !== 'sort' && !(key === 'isModerator' && value === false))
  if (given.length === 1 && given[0]![0] === 'id') return ctx.loaders.of(usersById).load(args.id!)
  if (given.length === 1 && given[0]![0] === 'name') return ctx.loaders.of(usersByName).load(args.name!.trim().toLowerCase())
  const [user] = await findUsers(ctx.kiroku.db, { filter: args, sort: args.sort }, { limit: 1, offset: 0 })
  return user ?? null
}

const Query: TypeResolvers<'Query', unknown> = {
  async Viewer(_root: unknown, _args: unknown, ctx: GraphqlContext) {
    if (ctx.auth.state !== 'valid') throw new UnauthorizedError()
    // The token's row cascades away with its user, so a verified token's user exists; null if raced.
    // Every request of an app asks for it: it comes from memory (accounts/user-cache.ts).
    return ctx.kiroku.users.byId(ctx.auth.token.userId)
  },
  async User(_root: unknown, args: UserArgs, ctx: GraphqlContext) {
    const user = await findOne(checkUserArgs(args), ctx)
    if (!user) throw new NotFoundError()
    return user
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async users(page, args, ctx) {
    const users = await findUsers(ctx.kiroku.db, { filter: checkUserArgs(args), sort: args.sort }, page.window)
    for (const u of users) ctx.loaders.of(usersById).prime(u.id, u)
    return users
  },
}

const UserFields: TypeResolvers<'User', User> = {
  async about(user: User, args: { asHtml?: boolean | null }, ctx: GraphqlContext) {
    const { about } = await profileOf(user, ctx)
    return about !== null && args.asHtml ? textAsHtml(ctx, 'markdown', about) : about
  },
  async avatar(user: User, _args: unknown, ctx: GraphqlContext) {
    const { avatar } = await profileOf(user, ctx)
    const base = ctx.kiroku.config.publicUrl
    return avatar ? { large: avatar, medium: avatar } : { large: `${base}${DEFAULT_AVATAR.large}`, medium: `${base}${DEFAULT_AVATAR.medium}` }
  },
  bannerImage: async (user: User, _args: unknown, ctx: GraphqlContext) => (await profileOf(user, ctx)).bannerImage,
  // Kiroku has no blocks or donations yet: the answers AniList gives for a user with none (follows: the follows module).
  isBlocked: () => false,
  donatorTier: () => 0,
  donatorBadge: () => null,
  // A Kiroku moderator (accounts/roles.ts) is what AniList calls a community moderator; others have no role (null, as on AniList).
  moderatorRoles: async (user: User, _args: unknown, ctx: GraphqlContext) => ((await ctx.loaders.of(userRoles).load(user.id))?.includes('moderator') ? ['COMMUNITY'] : null),
  // Renames are made in the site's settings (accounts/previous-names.ts); AniList's UpdateUser has no name argument.
  previousNames: async (user: User, _args: unknown, ctx: GraphqlContext) => (await ctx.loaders.of(previousNames).load(user.id)) ?? [],
  moderatorStatus: async (user: User, _args: unknown, ctx: GraphqlContext) => ((await ctx.loaders.of(userRoles).load(user.id))?.includes('moderator') ? 'COMMUNITY' : null),
  // No ban is on record: Kiroku has no bans.
  bans: () => null,
  siteUrl: (user: User, _args: unknown, ctx: GraphqlContext) => `${ctx.kiroku.config.publicUrl}/user/${encodeURIComponent(user.name)}`,
  createdAt: (user: User) => user.createdAt,
  async updatedAt(user: User, _args: unknown, ctx: GraphqlContext) {
    const { updatedAt } = await profileOf(user, ctx)
    return Math.max(user.updatedAt, updatedAt ?? 0)
  },
  options: async (user: User, _args: unknown, ctx: GraphqlContext) => presentOptions((await profileOf(user, ctx)).options, viewerId(ctx) === user.id),
}

/** The resolvers of the users module. */
export const userResolvers = { Query, Page, User: UserFields }

/** How many users `Page.users` matches with these arguments (for pageInfo). */
export const countUsers = (args: Record<string, unknown>, ctx: GraphqlContext) => countMatchingUsers(ctx.kiroku.db, checkUserArgs(args as UserArgs))
