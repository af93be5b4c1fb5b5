/**
 * How the viewer wants works shown on the browse pages: the title language and whether adult works
 * appear. Visitors get AniList's answer for anonymous requests (romaji, no adult works).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { getProfile } from '../../accounts/profiles.js'
import type { TitleLanguage } from '../../catalog/titles.js'

export interface ViewerPrefs {
  titleLanguage: TitleLanguage
  /** The viewer's displayAdultContent option; false for visitors. */
  showAdult: boolean
}

export const VISITOR_PREFS: Readonly<ViewerPrefs> = Object.freeze({ titleLanguage: 'ROMAJI', showAdult: false })

export async function viewerPrefs(db: Kysely<Tables>, user: { id: number } | null): Promise<ViewerPrefs> {
  if (!user) return VISITOR_PREFS
  const { options } = await getProfile(db, user.id)
  return { titleLanguage: options.titleLanguage, showAdult: options.displayAdultContent }
}
