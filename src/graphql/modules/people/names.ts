/** `userPreferred` on CharacterName and StaffName: the name in the viewer's staff name language. */
import type { StaffNameLanguage } from '../../../accounts/profiles.js'
import type { PersonName } from '../../../people/people.js'
import type { GraphqlContext } from '../../server/context.js'
import { profiles } from '../users/loaders.js'

const joined = (...parts: Array<string | null>) => {
  const present = parts.filter((p): p is string => p !== null && p !== '')
  return present.length === 0 ? null : present.join(' ')
}

/**
 * A name in a language: ROMAJI_WESTERN "first last" (AniList's full name), ROMAJI "last first" as
 * Japanese order writes it, NATIVE the native script; each falls back to the full name, and that to
 * the parts, so that a name with only one form still shows.
 */
export function preferredName(name: PersonName, language: StaffNameLanguage): string | null {
  const western = name.full ?? joined(name.first, name.middle, name.last)
  if (language === 'NATIVE') return name.native ?? western
  if (language === 'ROMAJI') return (name.first && name.last ? joined(name.last, name.middle, name.first) : null) ?? western
  return western ?? name.native
}

/** The viewer's staff name language (ROMAJI_WESTERN without a token), read through the profile loader only when a name is asked for. */
export function userPreferredName(name: PersonName, ctx: GraphqlContext): string | null | Promise<string | null> {
  if (ctx.auth.state !== 'valid') return preferredName(name, 'ROMAJI_WESTERN')
  return ctx.loaders
    .of(profiles)
    .load(ctx.auth.token.userId)
    .then((profile) => preferredName(name, profile?.options.staffNameLanguage ?? 'ROMAJI_WESTERN'))
}
