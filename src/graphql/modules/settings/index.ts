/**
 * The settings module: `UpdateUser`, which changes the viewer's profile and site options (accounts)
 * and list options (lists) together. It comes after both in the module list, as it uses both.
 */
import { findUserById } from '../../../accounts/users.js'
import { getProfile, updateProfile } from '../../../accounts/profiles.js'
import { profileChangesFrom, type ProfileInput } from '../../../accounts/profile-input.js'
import { FieldProblemSet, UnauthorizedError } from '../../../errors/refusals.js'
import { listOptionsChangesFrom, type ListOptionsInput } from '../../../lists/list-options-input.js'
import { updateListOptions } from '../../../lists/list-options.js'
import { viewerId } from '../../server/context.js'
import { readModuleSdl, type GraphqlModule, type TypeResolvers } from '../../server/module.js'
import { profiles } from '../users/loaders.js'
import { listOptions } from '../lists/loaders.js'

const Mutation: TypeResolvers<'Mutation', unknown> = {
  async UpdateUser(_root, args: ProfileInput & ListOptionsInput, ctx) {
    const id = viewerId(ctx)
    if (id === null) throw new UnauthorizedError()
    const user = await findUserById(ctx.kiroku.db, id)
    if (!user) throw new UnauthorizedError()
    const current = await getProfile(ctx.kiroku.db, id)
    // Every argument is checked before anything changes, and every problem is told at once.
    const problems = new FieldProblemSet()
    const profileChanges = profileChangesFrom(args, current.options, problems)
    const listChanges = listOptionsChangesFrom(args, problems)
    problems.throwIfAny()
    await ctx.kiroku.db.transaction().execute(async (trx) => {
      await updateProfile(trx, ctx.kiroku.clock, id, profileChanges)
      await updateListOptions(trx, ctx.kiroku.clock, id, listChanges)
    })
    // Fields of the answer (and anything after it in the request) read the changed profile and options.
    ctx.loaders.of(profiles).forget(id)
    ctx.loaders.of(listOptions).forget(id)
    return user
  },
}

export const settingsModule: GraphqlModule = {
  name: 'settings',
  sdl: readModuleSdl(import.meta.url),
  resolvers: { Mutation },
}
