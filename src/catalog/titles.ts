/** Which of a media's titles a viewer sees as `title.userPreferred`. */
import type { MediaTitle } from './media.js'

/** AniList's UserTitleLanguage values. */
export type TitleLanguage = 'ROMAJI' | 'ENGLISH' | 'NATIVE' | 'ROMAJI_STYLISED' | 'ENGLISH_STYLISED' | 'NATIVE_STYLISED'

/**
 * The title in the viewer's language; romaji when that title is absent (as AniList does), and the
 * first title there is when even romaji is missing. Kiroku keeps one spelling per title, so the
 * _STYLISED languages read the same titles as the plain ones.
 */
export function preferredTitle(title: MediaTitle, language: TitleLanguage): string | null {
  const wanted = language.startsWith('ENGLISH') ? title.english : language.startsWith('NATIVE') ? title.native : title.romaji
  return wanted ?? title.romaji ?? title.english ?? title.native
}
