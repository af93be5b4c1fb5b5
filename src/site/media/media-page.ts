/**
 * Everything the media page shows, read in a fixed number of statements whatever the size of the
 * cast, staff or franchise: the work, then one batched read per kind of link (studios, tags, links,
 * cast, staff, voice actors, next airing, stats, related works), then the people those links name in
 * one read per table, and the viewer's entry. Pure shaping for the template happens here too, so the
 * template only prints.
 */
import type { AppContext } from '../../app/app-context.js'
import type { Media, MediaType } from '../../catalog/media.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { studiosOfMedia } from '../../catalog/studios.js'
import { tagsOfMedia } from '../../catalog/tags.js'
import { externalLinksOfMedia } from '../../catalog/external-links.js'
import { nextAiringOf } from '../../catalog/airing.js'
import { castOfMedia, staffOfMedia, voiceActorsOfMedia } from '../../people/cast-store.js'
import { loadCharactersByIds, loadStaffByIds } from '../../people/person-store.js'
import { DEFAULT_VOICE_LANGUAGE, type PersonName } from '../../people/people.js'
import { statsOf } from '../../lists/figures/media-stats.js'
import { loadUserEntriesForMedia } from '../../lists/entry-store.js'
import type { MediaListEntry } from '../../lists/entry.js'
import { isSafeUrl } from '../../markdown/safe-url.js'
import { countdownText, displayTitle, enumLabel, fuzzyDateText, localImage, scoreText } from '../view-helpers.js'
import { descriptionHtml, titleLanguageOf, type Viewer } from './common.js'

/** How many characters and staff the page shows before "and N more". */
export const CAST_SHOWN = 12
export const STAFF_SHOWN = 12

/** The path of a work's page. */
export const mediaPath = (media: Pick<Media, 'id' | 'type'>) => `/${media.type === 'ANIME' ? 'anime' : 'manga'}/${media.id}`

/** A person's name as the site shows it: the full name, else its parts, else the native script. */
export function personName(name: PersonName): string {
  const parts = [name.first, name.middle, name.last].filter((p): p is string => !!p)
  return name.full ?? (parts.length > 0 ? parts.join(' ') : null) ?? name.native ?? 'Unnamed'
}

export interface Fact {
  label: string
  text: string
  href?: string
}

export interface CardLink {
  href: string
  image: string
  title: string
  meta?: string
}

export interface MediaPageView {
  media: Media
  path: string
  title: string
  otherTitles: Array<{ label: string; text: string; lang: string | null }>
  cover: string
  banner: string | null
  description: string | null
  facts: Fact[]
  studios: Array<{ href: string; name: string }>
  genres: Array<{ href: string; name: string }>
  tags: Array<{ href: string; name: string; rank: number | null }>
  spoilerTags: Array<{ href: string; name: string; rank: number | null }>
  relations: CardLink[]
  characters: Array<{ character: CardLink; role: string; voiceActors: CardLink[] }>
  moreCharacters: number
  staff: Array<CardLink & { role: string }>
  moreStaff: number
  nextEpisode: string | null
  scoreChart: Array<{ label: string; value: number }>
  statusChart: Array<{ label: string; value: number }>
  links: Array<{ url: string; site: string; note: string }>
  entry: { status: string; progress: string; score: string } | null
}

/** The words a list status reads as for a type of work (Watching / Reading…). */
export function listStatusLabel(status: string, type: MediaType): string {
  const anime = type === 'ANIME'
  switch (status) {
    case 'CURRENT':
      return anime ? 'Watching' : 'Reading'
    case 'PLANNING':
      return anime ? 'Plan to watch' : 'Plan to read'
    case 'REPEATING':
      return anime ? 'Rewatching' : 'Rereading'
    default:
      return enumLabel(status)
  }
}

// A chart's bar is narrow: one short word per status under it.
const CHART_STATUS: Record<string, string> = { PLANNING: 'Plan', COMPLETED: 'Done', DROPPED: 'Drop', PAUSED: 'Pause' }

/** A status as the status chart labels its bar: Watch / Read, Plan, Done, Drop, Pause. */
export function chartStatusLabel(status: string, type: MediaType): string {
  if (status === 'CURRENT') return type === 'ANIME' ? 'Watch' : 'Read'
  return CHART_STATUS[status] ?? enumLabel(status)
}

const searchPath = (type: MediaType) => `/search/${type === 'ANIME' ? 'anime' : 'manga'}`
const searchLink = (type: MediaType, params: Record<string, string | number>) =>
  `${searchPath(type)}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`

function factsOf(media: Media): Fact[] {
  const facts: Fact[] = []
  const add = (label: string, text: string | number | null | undefined, href?: string) => {
    if (text === null || text === undefined || text === '') return
    facts.push(href ? { label, text: String(text), href } : { label, text: String(text) })
  }
  add('Format', enumLabel(media.format))
  if (media.type === 'ANIME') {
    add('Episodes', media.episodes)
    add('Episode duration', media.duration ? `${media.duration} min` : null)
  } else {
    add('Chapters', media.chapters)
    add('Volumes', media.volumes)
  }
  add('Status', enumLabel(media.status))
  add('Start date', fuzzyDateText(media.startDate))
  add('End date', fuzzyDateText(media.endDate))
  // Only anime have seasons (the search page refuses a season for manga).
  if (media.type === 'ANIME' && media.seasonYear) {
    const season = media.season ? `${enumLabel(media.season)} ${media.seasonYear}` : String(media.seasonYear)
    add('Season', season, searchLink(media.type, media.season ? { season: media.season, year: media.seasonYear } : { year: media.seasonYear }))
  }
  add('Source', enumLabel(media.source))
  add('Average score', media.averageScore !== null ? `${media.averageScore}%` : null)
  add('Mean score', media.meanScore !== null ? `${media.meanScore}%` : null)
  add('Popularity', media.popularity)
  add('Favourites', media.favourites)
  return facts
}

// The language of a native title, by the work's country (screen readers then read it right).
const NATIVE_LANG: Record<string, string> = { JP: 'ja', KR: 'ko', CN: 'zh-Hans', TW: 'zh-Hant' }

function otherTitlesOf(media: Media, shown: string): Array<{ label: string; text: string; lang: string | null }> {
  const out: Array<{ label: string; text: string; lang: string | null }> = []
  const add = (label: string, text: string | null, lang: string | null = null) => {
    if (text && text !== shown && !out.some((t) => t.text === text)) out.push({ label, text, lang })
  }
  add('Romaji', media.title.romaji)
  add('English', media.title.english)
  add('Native', media.title.native, NATIVE_LANG[media.countryOfOrigin ?? 'JP'] ?? null)
  for (const synonym of media.synonyms) add('Also known as', synonym)
  return out
}

function entryView(entry: MediaListEntry | undefined, media: Media, viewer: Viewer): MediaPageView['entry'] {
  if (!entry) return null
  const total = media.type === 'ANIME' ? media.episodes : media.chapters
  const unit = media.type === 'ANIME' ? 'episodes' : 'chapters'
  return {
    status: listStatusLabel(entry.status, media.type),
    progress: total ? `${entry.progress} of ${total} ${unit}` : `${entry.progress} ${unit}`,
    score: scoreText(entry.score, viewer.scoreFormat) || 'Not scored',
  }
}

/** The media page of work `id`, or null when the catalog has no such work. */
export async function loadMediaPage(ctx: AppContext, id: number, viewer: Viewer | null): Promise<MediaPageView | null> {
  const db = ctx.db
  const media = (await loadMediaByIds(db, [id])).get(id)
  if (!media) return null
  const now = ctx.clock()
  const [studios, tags, links, cast, staffRoles, voices, airing, stats, related, entries] = await Promise.all([
    studiosOfMedia(db, [id]),
    tagsOfMedia(db, [id]),
    externalLinksOfMedia(db, [id]),
    castOfMedia(db, [id]),
    staffOfMedia(db, [id]),
    voiceActorsOfMedia(db, [id], DEFAULT_VOICE_LANGUAGE),
    nextAiringOf(db, [id], now),
    statsOf(db, [id]),
    media.relations.length > 0 ? loadMediaByIds(db, media.relations.map((r) => r.id)) : Promise.resolve(new Map<number, Media>()),
    viewer ? loadUserEntriesForMedia(db, viewer.id, [id]) : Promise.resolve(new Map<number, MediaListEntry>()),
  ])
  const castRows = (cast.get(id) ?? []).slice(0, CAST_SHOWN)
  const staffRows = (staffRoles.get(id) ?? []).slice(0, STAFF_SHOWN)
  const shownCharacters = new Set(castRows.map((r) => r.characterId))
  const voiceRows = (voices.get(id) ?? []).filter((v) => shownCharacters.has(v.characterId))
  const [characters, people] = await Promise.all([
    castRows.length > 0 ? loadCharactersByIds(db, castRows.map((r) => r.characterId)) : Promise.resolve(new Map()),
    staffRows.length + voiceRows.length > 0 ? loadStaffByIds(db, [...staffRows.map((r) => r.staffId), ...voiceRows.map((v) => v.staffId)]) : Promise.resolve(new Map()),
  ])

  const language = titleLanguageOf(viewer)
  const publicUrl = ctx.config.publicUrl
  const title = displayTitle(media.title, language)
  const allTags = (tags.get(id) ?? []).filter((t) => !t.tag.isAdult || media.isAdult)
  const tagView = (t: (typeof allTags)[number]) => ({ href: searchLink(media.type, { tag: t.tag.name }), name: t.tag.name, rank: t.rank })
  const personCard = (kind: 'character' | 'staff', personId: number, name: PersonName | undefined, image: { large: string | null; medium: string | null } | undefined): CardLink => ({
    href: `/${kind}/${personId}`,
    image: localImage(image?.large ?? image?.medium, publicUrl, kind, personId),
    title: name ? personName(name) : `${kind === 'character' ? 'Character' : 'Staff'} ${personId}`,
  })
  const next = airing.get(id)
  const allCast = cast.get(id) ?? []
  const allStaff = staffRoles.get(id) ?? []
  const stat = stats.get(id)

  return {
    media,
    path: mediaPath(media),
    title,
    otherTitles: otherTitlesOf(media, title),
    cover: localImage(media.coverImage.extraLarge ?? media.coverImage.large ?? media.coverImage.medium, publicUrl, 'media', media.id),
    banner: localBanner(media.bannerImage, publicUrl),
    description: descriptionHtml(ctx, media.description),
    facts: factsOf(media),
    studios: (studios.get(id) ?? []).map((s) => ({ href: `/studio/${s.studio.id}`, name: s.studio.name })),
    genres: media.genres.map((g) => ({ href: searchLink(media.type, { genre: g }), name: g })),
    tags: allTags.filter((t) => !t.isMediaSpoiler && !t.tag.isGeneralSpoiler).map(tagView),
    spoilerTags: allTags.filter((t) => t.isMediaSpoiler || t.tag.isGeneralSpoiler).map(tagView),
    relations: media.relations.flatMap((r) => {
      const work = related.get(r.id)
      if (!work) return []
      return [{ href: mediaPath(work), image: localImage(work.coverImage.large ?? work.coverImage.medium ?? work.coverImage.extraLarge, publicUrl, 'media', work.id), title: displayTitle(work.title, language), meta: `${enumLabel(r.relationType)} · ${enumLabel(work.format) || enumLabel(work.type)}` }]
    }),
    characters: castRows.map((r) => {
      const character = characters.get(r.characterId)
      return {
        character: personCard('character', r.characterId, character?.name, character?.image),
        role: enumLabel(r.role) || 'Unknown role',
        voiceActors: voiceRows.filter((v) => v.characterId === r.characterId).map((v) => {
          const actor = people.get(v.staffId)
          return personCard('staff', v.staffId, actor?.name, actor?.image)
        }),
      }
    }),
    moreCharacters: Math.max(0, allCast.length - castRows.length),
    staff: staffRows.map((r) => {
      const person = people.get(r.staffId)
      return { ...personCard('staff', r.staffId, person?.name, person?.image), role: r.role }
    }),
    moreStaff: Math.max(0, allStaff.length - staffRows.length),
    nextEpisode: next ? `Episode ${next.episode} airs in ${countdownText(next.airingAt - now)}` : null,
    scoreChart: (stat?.scoreDistribution ?? []).map((s) => ({ label: String(s.score), value: s.amount })),
    statusChart: (stat?.statusDistribution ?? []).map((s) => ({ label: chartStatusLabel(s.status, media.type), value: s.amount })),
    links: (links.get(id) ?? []).filter((l) => !l.isDisabled && l.url !== null && isSafeUrl(l.url)).map((l) => ({ url: l.url!, site: l.site, note: [l.language, l.notes].filter(Boolean).join(', ') })),
    entry: viewer ? entryView(entries.get(id), media, viewer) : null,
  }
}

/** A banner on this server, or null (a remote banner is not shown: the page makes no third-party requests). */
function localBanner(url: string | null, publicUrl: string): string | null {
  if (!url) return null
  if (url.startsWith('/') && !url.startsWith('//')) return url
  if (url.startsWith(`${publicUrl}/`)) return url.slice(publicUrl.length)
  return null
}
