/**
 * What a user says about themselves and how they like things shown: the profile text, the pictures
 * and the site options (title language, adult content…); the list options are the lists module's
 * (lists/list-options.ts). This module owns `user_profiles`; a user without a row has the defaults below.
 * Options are stored as JSON: they are read whole, written whole and never searched.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { TitleLanguage } from '../catalog/titles.js'

export type { TitleLanguage }

export type StaffNameLanguage = 'ROMAJI_WESTERN' | 'ROMAJI' | 'NATIVE'

export interface UserOptions {
  titleLanguage: TitleLanguage
  displayAdultContent: boolean
  airingNotifications: boolean
  profileColor: string
  timezone: string | null
  activityMergeTime: number
  staffNameLanguage: StaffNameLanguage
  restrictMessagesToFollowing: boolean
  notificationOptions: Array<{ type: string; enabled: boolean }>
  disabledListActivity: Array<{ type: string; disabled: boolean }>
}

export interface Profile {
  userId: number
  about: string | null
  avatar: string | null
  bannerImage: string | null
  options: UserOptions
  updatedAt: number | null
}

/** AniList's defaults for a new account. */
export const DEFAULT_USER_OPTIONS: Readonly<UserOptions> = Object.freeze({
  titleLanguage: 'ROMAJI',
  displayAdultContent: false,
  airingNotifications: true,
  profileColor: 'blue',
  timezone: null,
  activityMergeTime: 720,
  staffNameLanguage: 'ROMAJI_WESTERN',
  restrictMessagesToFollowing: false,
  notificationOptions: [],
  disabledListActivity: [],
})

function defaultProfile(userId: number): Profile {
  return { userId, about: null, avatar: null, bannerImage: null, options: { ...DEFAULT_USER_OPTIONS }, updatedAt: null }
}

/** Stored JSON over the defaults, so that options added later get their default for old rows. */
function parseOptions(json: string): UserOptions {
  return { ...DEFAULT_USER_OPTIONS, ...(JSON.parse(json) as Partial<UserOptions>) }
}

/** Profiles for several users at once (batched loading); users without a row get the defaults. */
export async function getProfiles(db: Kysely<Tables>, userIds: readonly number[]): Promise<Map<number, Profile>> {
  const out = new Map<number, Profile>(userIds.map((id) => [id, defaultProfile(id)]))
  if (userIds.length === 0) return out
  const rows = await db.selectFrom('user_profiles').selectAll().where('user_id', 'in', [...new Set(userIds)]).execute()
  for (const row of rows) {
    out.set(row.user_id, {
      userId: row.user_id,
      about: row.about,
      avatar: row.avatar,
      bannerImage: row.banner_image,
      options: parseOptions(row.options),
      updatedAt: row.updated_at,
    })
  }
  return out
}

export async function getProfile(db: Kysely<Tables>, userId: number): Promise<Profile> {
  return (await getProfiles(db, [userId])).get(userId)!
}

export interface ProfileChanges {
  about?: string | null
  avatar?: string | null
  bannerImage?: string | null
  options?: Partial<UserOptions>
}

/** Applies changes (already validated by the caller) over the current profile; returns the result. */
export async function updateProfile(db: Kysely<Tables>, clock: Clock, userId: number, changes: ProfileChanges): Promise<Profile> {
  const current = await getProfile(db, userId)
  const next: Profile = {
    ...current,
    ...(changes.about !== undefined ? { about: changes.about } : {}),
    ...(changes.avatar !== undefined ? { avatar: changes.avatar } : {}),
    ...(changes.bannerImage !== undefined ? { bannerImage: changes.bannerImage } : {}),
    options: { ...current.options, ...changes.options },
    updatedAt: clock(),
  }
  const row = {
    about: next.about,
    avatar: next.avatar,
    banner_image: next.bannerImage,
    options: JSON.stringify(next.options),
    updated_at: next.updatedAt!,
  }
  await db
    .insertInto('user_profiles')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute()
  return next
}

/** Removes a user's profile row (the account is deleted). */
export async function deleteProfileOf(db: Kysely<Tables>, userId: number): Promise<void> {
  await db.deleteFrom('user_profiles').where('user_id', '=', userId).execute()
}
