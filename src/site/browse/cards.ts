/** A work as a cover card (partials/media-card.eta): its page, cover, title in the viewer's language and a short line. */
import type { Media } from '../../catalog/media.js'
import type { TitleLanguage } from '../../catalog/titles.js'
import { displayTitle, enumLabel, localImage } from '../view-helpers.js'

export interface MediaCard {
  id: number
  href: string
  image: string
  title: string
  meta: string
}

/** Where a work's page is: /anime/:id or /manga/:id, as its siteUrl says. */
export function mediaHref(media: Pick<Media, 'id' | 'type'>): string {
  return `/${media.type === 'ANIME' ? 'anime' : 'manga'}/${media.id}`
}

/** "TV · Spring 2024", "Manga · 1997": the format and when it came out, as far as known. */
export function mediaMeta(media: Media): string {
  const when = media.season && media.seasonYear ? `${enumLabel(media.season)} ${media.seasonYear}` : media.seasonYear ?? media.startDate.year
  return [enumLabel(media.format), when ? String(when) : ''].filter((part) => part !== '').join(' · ')
}

export function mediaCard(media: Media, language: TitleLanguage, publicUrl: string): MediaCard {
  const cover = media.coverImage.large ?? media.coverImage.extraLarge ?? media.coverImage.medium
  return { id: media.id, href: mediaHref(media), image: localImage(cover, publicUrl, 'media', media.id), title: displayTitle(media.title, language), meta: mediaMeta(media) }
}
