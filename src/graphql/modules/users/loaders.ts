/** The users module's loaders: users by id and by name, and their profiles, each read once per request. */
import { findUsersByIds, type User } from '../../../accounts/users.js'
import { findUsersByNames } from '../../../accounts/user-query.js'
import { getProfiles, type Profile } from '../../../accounts/profiles.js'
import { defineLoader } from '../../server/loaders.js'
import { rolesOfUsers, type Role } from '../../../accounts/roles.js'
import { previousNamesOf, type PreviousName } from '../../../accounts/previous-names.js'

/** Users by id. */
export const usersById = defineLoader<number, User>('usersById', async (ids, loaders) => new Map((await findUsersByIds(loaders.db, ids)).map((u) => [u.id, u])))

/** Users by lower-cased name (names are unique in any letter case); each found user primes usersById. */
export const usersByName = defineLoader<string, User>('usersByName', async (names, loaders) => {
  const found = await findUsersByNames(loaders.db, names)
  for (const user of found.values()) loaders.of(usersById).prime(user.id, user)
  return found
})

/** Profiles (about, options, list options) by user id; a user without a stored profile gets the defaults. */
export const profiles = defineLoader<number, Profile>('profiles', (ids, loaders) => getProfiles(loaders.db, ids))

/** Roles on the site's team by user id; users without roles are absent. */
export const userRoles = defineLoader<number, Role[]>('userRoles', (ids, loaders) => rolesOfUsers(loaders.db, ids))

/** The names users held before, newest first, by user id; users never renamed are absent. */
export const previousNames = defineLoader<number, PreviousName[]>('previousNames', (ids, loaders) => previousNamesOf(loaders.db, ids))
