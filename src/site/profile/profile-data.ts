/**
 * What the profile pages show, read from the domain modules in a fixed number of statements whatever
 * the size of the list: the owner (by name, case-insensitively, as AniList), both profiles (owner's
 * and viewer's) in one query, the owner's list options, every entry of the owner in one query, and
 * their works in one query per 500. Private entries are the owner's alone: for anyone else they are
 * left out before anything is counted or listed, as AniList leaves them out.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { findUserByName, type User } from '../../accounts/users.js'
import { getProfiles, type Profile } from '../../accounts/profiles.js'
import { favouriteIdsOf, type FavouriteType } from '../../accounts/favourites.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import type { Media, MediaType } from '../../catalog/media.js'
import { loadStudiosByIds, type Studio } from '../../catalog/studios.js'
import { loadCharactersByIds, loadStaffByIds } from '../../people/person-store.js'
import type { Character, Staff } from '../../people/people.js'
import { getListOptionsOf, type MediaListOptions } from '../../lists/list-options.js'
import { loadEntriesOfUsers } from '../../lists/entry-store.js'
import type { MediaListEntry } from '../../lists/entry.js'
import type { TitleLanguage } from '../../catalog/titles.js'

// AniList user names are 2 to 20 letters or digits (accounts/users.ts): anything else names nobody,
// and is answered without a query (NUL, "..", slashes, very long names never reach the database).
const NAME_SHAPE = /^[A-Za-z0-9]{2,20}$/

/** The account a profile URL names, or null when none has that name (any case). */
export async function findProfileOwner(db: Kysely<Tables>, name: unknown): Promise<User | null> {
  if (typeof name !== 'string' || !NAME_SHAPE.test(name)) return null
  return findUserByName(db, name)
}

export interface ProfileView {
  owner: User
  profile: Profile
  /** The viewer is the owner: private entries are shown and the rows can be edited. */
  isOwner: boolean
  /** The viewer's title language; AniList's default (romaji) for a visitor without an account. */
  titleLanguage: TitleLanguage
}

/** The owner's profile and the viewer's title language, in one query. */
export async function profileView(db: Kysely<Tables>, owner: User, viewer: User | null): Promise<ProfileView> {
  const ids = viewer && viewer.id !== owner.id ? [owner.id, viewer.id] : [owner.id]
  const profiles = await getProfiles(db, ids)
  const profile = profiles.get(owner.id)!
  const isOwner = viewer?.id === owner.id
  // A visitor without an account reads titles in AniList's default language.
  const titleLanguage = viewer ? profiles.get(viewer.id)!.options.titleLanguage : 'ROMAJI'
  return { owner, profile, isOwner, titleLanguage }
}

export interface ListData {
  options: MediaListOptions
  /** The entries the viewer may see (of one type, or both), in the order they were added. */
  entries: MediaListEntry[]
  media: Map<number, Media>
}

/** The owner's list options, the entries the viewer may see and their works. */
export async function visibleList(db: Kysely<Tables>, view: ProfileView, type?: MediaType): Promise<ListData> {
  const options = await getListOptionsOf(db, view.owner.id)
  const all = (await loadEntriesOfUsers(db, [view.owner.id], type)).get(view.owner.id) ?? []
  const entries = all.filter((e) => view.isOwner || !e.private)
  const media = await loadMediaByIds(db, entries.map((e) => e.mediaId))
  // An entry whose work has left the catalog has nothing to show.
  return { options, entries: entries.filter((e) => media.has(e.mediaId)), media }
}

export interface Favourites {
  anime: Media[]
  manga: Media[]
  characters: Character[]
  staff: Staff[]
  studios: Studio[]
}

/** The owner's favourites of every kind, in their order; items no longer stored are left out. */
export async function favouritesOf(db: Kysely<Tables>, userId: number): Promise<Favourites> {
  const ids = async (type: FavouriteType) => (await favouriteIdsOf(db, [userId], type)).get(userId) ?? []
  const [anime, manga, characters, staff, studios] = await Promise.all([ids('ANIME'), ids('MANGA'), ids('CHARACTER'), ids('STAFF'), ids('STUDIO')])
  const [media, characterRows, staffRows, studioRows] = await Promise.all([
    loadMediaByIds(db, [...anime, ...manga]),
    loadCharactersByIds(db, characters),
    loadStaffByIds(db, staff),
    loadStudiosByIds(db, studios),
  ])
  const pick = <T>(list: number[], rows: Map<number, T>, keep: (item: T) => boolean = () => true) =>
    list.flatMap((id) => {
      const item = rows.get(id)
      return item !== undefined && keep(item) ? [item] : []
    })
  return {
    anime: pick(anime, media, (m) => m.type === 'ANIME'),
    manga: pick(manga, media, (m) => m.type === 'MANGA'),
    characters: pick(characters, characterRows),
    staff: pick(staff, staffRows),
    studios: pick(studios, studioRows),
  }
}
