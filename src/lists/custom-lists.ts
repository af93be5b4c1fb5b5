/**
 * DeleteCustomList: a custom list leaves the user's list options and every entry that was on it.
 * The entries themselves stay on the user's list.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { MediaType } from '../catalog/media.js'
import { NotFoundError, ValidationError } from '../errors/refusals.js'
import { getListOptionsOf, typeOptions, updateListOptions } from './list-options.js'
import { removeCustomListFromEntries } from './entry-store.js'

/**
 * Deletes the named custom list (matched regardless of case) of the user's anime or manga list.
 * Without a name or type it is a validation error; a name the user has no list of is a 404.
 */
export async function deleteCustomList(db: Kysely<Tables>, clock: Clock, userId: number, name: string | null | undefined, type: MediaType | null | undefined): Promise<true> {
  const problems: Record<string, string[]> = {}
  if (name == null || name.trim() === '') problems.customList = ['The custom list field is required.']
  if (type == null) problems.type = ['The type field is required.']
  if (Object.keys(problems).length > 0) throw new ValidationError(problems)
  const options = await getListOptionsOf(db, userId)
  const lists = typeOptions(options, type!).customLists
  const key = name!.trim().toLowerCase()
  if (!lists.some((l) => l.toLowerCase() === key)) throw new NotFoundError()
  const customLists = lists.filter((l) => l.toLowerCase() !== key)
  await updateListOptions(db, clock, userId, type === 'ANIME' ? { animeList: { customLists } } : { mangaList: { customLists } })
  await removeCustomListFromEntries(db, userId, type!, key, clock())
  return true
}
