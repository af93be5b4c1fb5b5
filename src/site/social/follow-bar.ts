/**
 * The follow bar of a profile's head: the follower and following counts (links to the lists) and the
 * Follow / Unfollow button, a plain POST form. The owner sees no button; a visitor without an account
 * gets a link to log in that comes back to the profile. Three statements at most (two counts, and
 * whether the viewer follows the owner).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { User } from '../../accounts/users.js'
import { followCounts, follows } from '../../social/follows.js'
import { loginPath } from '../../web/login-redirect.js'

export interface FollowBar {
  followers: number
  following: number
  followersHref: string
  followingHref: string
  /** What the button does: nothing shown for the owner; 'login' for a visitor. */
  button: 'none' | 'login' | 'follow' | 'unfollow'
  /** The form's action (POST), or the login link for a visitor. */
  action: string
}

export const profilePath = (name: string) => `/user/${encodeURIComponent(name)}`
export const followPath = (name: string) => `${profilePath(name)}/follow`

/** The counts and the button state of `owner`'s profile as `viewer` sees it. */
export async function followBarOf(db: Kysely<Tables>, owner: User, viewer: User | null): Promise<FollowBar> {
  const [counts, following] = await Promise.all([
    followCounts(db, [owner.id]),
    viewer && viewer.id !== owner.id ? follows(db, viewer.id, owner.id) : Promise.resolve(false),
  ])
  const count = counts.get(owner.id)!
  const base = profilePath(owner.name)
  const button = !viewer ? 'login' : viewer.id === owner.id ? 'none' : following ? 'unfollow' : 'follow'
  return {
    followers: count.followers,
    following: count.following,
    followersHref: `${base}/followers`,
    followingHref: `${base}/following`,
    button,
    action: button === 'login' ? loginPath(base) : followPath(owner.name),
  }
}
