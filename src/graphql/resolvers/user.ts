/** Resolvers for users: the Viewer. */
import { findUserById } from '../../accounts/users.js'
import type { GraphqlContext } from '../context.js'
import { unauthorized } from '../errors.js'

export const userResolvers = {
  Query: {
    async Viewer(_root: unknown, _args: unknown, ctx: GraphqlContext) {
      if (ctx.auth.state !== 'valid') throw unauthorized()
      // The token's row cascades away with its user, so a verified token's user exists; null if raced.
      return findUserById(ctx.kiroku.db, ctx.auth.token.userId)
    },
  },
}
