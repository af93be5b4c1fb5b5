/**
 * The character, staff and studio pages' data, each in a fixed number of statements: the item, its
 * links (one read per kind), then the works and people they name (one read per table). Long lists
 * are paged (`?page=`), newest works first.
 */
import type { AppContext } from '../../app/app-context.js'
import type { Media } from '../../catalog/media.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { loadStudiosByIds, studioMediaPages, type Studio } from '../../catalog/studios.js'
import { rolesOfCharacters, rolesOfStaff, voiceActorsOf, voiceRolesOfStaff, pairKey, type CastRow } from '../../people/cast-store.js'
import { loadCharactersByIds, loadStaffByIds } from '../../people/person-store.js'
import { sortByMedia } from '../../people/media-order.js'
import { DEFAULT_VOICE_LANGUAGE, type Character, type Staff } from '../../people/people.js'
import { displayTitle, enumLabel, fuzzyDateText, localImage } from '../view-helpers.js'
import { descriptionHtml, pageOf, titleLanguageOf, type Viewer } from './common.js'
import { mediaPath, personName, type CardLink, type Fact } from './media-page.js'

/** Items per page of a character's, a staff member's or a studio's works. */
export const PER_PAGE = 24

export interface Paging {
  page: number
  pages: number
  total: number
}

const NEWEST_FIRST = ['START_DATE_DESC']

function workCard(ctx: AppContext, media: Media, viewer: Viewer | null, meta?: string): CardLink {
  return {
    href: mediaPath(media),
    image: localImage(media.coverImage.large ?? media.coverImage.medium ?? media.coverImage.extraLarge, ctx.config.publicUrl, 'media', media.id),
    title: displayTitle(media.title, titleLanguageOf(viewer)),
    ...(meta ? { meta } : {}),
  }
}

const personCard = (ctx: AppContext, kind: 'character' | 'staff', person: Character | Staff): CardLink => ({
  href: `/${kind}/${person.id}`,
  image: localImage(person.image.large ?? person.image.medium, ctx.config.publicUrl, kind, person.id),
  title: personName(person.name),
})

function factList(entries: Array<[string, string | number | null | undefined]>): Fact[] {
  return entries.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([label, text]) => ({ label, text: String(text) }))
}

const yearOf = (media: Media) => (media.startDate.year ? String(media.startDate.year) : '')

export interface CharacterPageView {
  character: Character
  name: string
  image: string
  alternatives: string[]
  spoilerAlternatives: string[]
  description: string | null
  facts: Fact[]
  appearances: Array<{ work: CardLink; role: string; voiceActors: CardLink[] }>
  paging: Paging
}

/** The page of character `id`, or null when there is none. */
export async function loadCharacterPage(ctx: AppContext, id: number, viewer: Viewer | null, page: number): Promise<CharacterPageView | null> {
  const db = ctx.db
  const character = (await loadCharactersByIds(db, [id])).get(id)
  if (!character) return null
  const roles = (await rolesOfCharacters(db, [id])).get(id) ?? []
  const works = roles.length > 0 ? await loadMediaByIds(db, roles.map((r) => r.mediaId)) : new Map<number, Media>()
  const known = roles.filter((r) => works.has(r.mediaId))
  const sorted = sortByMedia(known, NEWEST_FIRST, (r) => works.get(r.mediaId)!, (r) => r.mediaId)
  const shown = pageOf(sorted, page, PER_PAGE)
  const voices = shown.items.length > 0 ? await voiceActorsOf(db, shown.items.map((r) => ({ mediaId: r.mediaId, characterId: id })), DEFAULT_VOICE_LANGUAGE) : new Map()
  const actorIds = [...voices.values()].flat().map((v) => v.staffId)
  const actors = actorIds.length > 0 ? await loadStaffByIds(db, actorIds) : new Map<number, Staff>()
  const name = character.name
  return {
    character,
    name: personName(name),
    image: localImage(character.image.large ?? character.image.medium, ctx.config.publicUrl, 'character', id),
    alternatives: [...(name.native && name.native !== personName(name) ? [name.native] : []), ...name.alternative],
    spoilerAlternatives: name.alternativeSpoiler,
    description: descriptionHtml(ctx, character.description),
    facts: factList([
      ['Gender', character.gender],
      ['Age', character.age],
      ['Birthday', birthday(character.dateOfBirth)],
      ['Blood type', character.bloodType],
    ]),
    appearances: shown.items.map((r) => {
      const work = works.get(r.mediaId)!
      return {
        work: workCard(ctx, work, viewer, [enumLabel(work.format), yearOf(work)].filter(Boolean).join(' · ')),
        role: enumLabel(r.role) || 'Unknown role',
        voiceActors: (voices.get(pairKey(r.mediaId, id)) ?? []).flatMap((v: { staffId: number }) => {
          const actor = actors.get(v.staffId)
          return actor ? [personCard(ctx, 'staff', actor)] : []
        }),
      }
    }),
    paging: { page: shown.page, pages: shown.pages, total: shown.total },
  }
}

/** A birthday without the year when only month and day are known ("Jun 26"). */
function birthday(date: Character['dateOfBirth']): string {
  if (date.year) return fuzzyDateText(date)
  if (!date.month) return ''
  return fuzzyDateText({ year: 2000, month: date.month, day: date.day }).replace(', 2000', '').replace(' 2000', '')
}

export interface StaffPageView {
  staff: Staff
  name: string
  image: string
  alternatives: string[]
  description: string | null
  facts: Fact[]
  works: Array<{ work: CardLink; roles: string[] }>
  voiced: Array<{ character: CardLink; role: string; work: CardLink }>
  paging: Paging
}

/** The page of staff member `id`, or null when there is none. */
export async function loadStaffPage(ctx: AppContext, id: number, viewer: Viewer | null, page: number): Promise<StaffPageView | null> {
  const db = ctx.db
  const staff = (await loadStaffByIds(db, [id])).get(id)
  if (!staff) return null
  const [roleRows, voiceRows] = await Promise.all([rolesOfStaff(db, [id]), voiceRolesOfStaff(db, [id])])
  const roles = roleRows.get(id) ?? []
  const voices = voiceRows.get(id) ?? []
  const mediaIds = [...roles.map((r) => r.mediaId), ...voices.map((v) => v.mediaId)]
  const works = mediaIds.length > 0 ? await loadMediaByIds(db, mediaIds) : new Map<number, Media>()
  // One card per work, with every role held in it, in stored order.
  const byWork = new Map<number, string[]>()
  for (const r of roles) if (works.has(r.mediaId)) byWork.set(r.mediaId, [...(byWork.get(r.mediaId) ?? []), r.role])
  const workItems = sortByMedia([...byWork.entries()], NEWEST_FIRST, ([mediaId]) => works.get(mediaId)!, ([mediaId]) => mediaId)
  const voicedItems = sortByMedia(voices.filter((v) => works.has(v.mediaId)), NEWEST_FIRST, (v) => works.get(v.mediaId)!, (v) => v.position)
  const shownWorks = pageOf(workItems, page, PER_PAGE)
  const shownVoiced = pageOf(voicedItems, page, PER_PAGE)
  const voicedIds = shownVoiced.items.map((v) => v.characterId)
  const [characters, parts] = voicedIds.length > 0
    ? await Promise.all([loadCharactersByIds(db, voicedIds), rolesOfCharacters(db, voicedIds)])
    : [new Map<number, Character>(), new Map<number, CastRow[]>()]
  const years = staff.yearsActive.length > 0 ? `${staff.yearsActive[0]}–${staff.yearsActive[1] ?? 'present'}` : ''
  return {
    staff,
    name: personName(staff.name),
    image: localImage(staff.image.large ?? staff.image.medium, ctx.config.publicUrl, 'staff', id),
    alternatives: [...(staff.name.native && staff.name.native !== personName(staff.name) ? [staff.name.native] : []), ...staff.name.alternative],
    description: descriptionHtml(ctx, staff.description),
    facts: factList([
      ['Occupations', staff.primaryOccupations.join(', ')],
      ['Language', staff.languageV2],
      ['Gender', staff.gender],
      ['Birth', fuzzyDateText(staff.dateOfBirth)],
      ['Death', fuzzyDateText(staff.dateOfDeath)],
      ['Age', staff.age],
      ['Years active', years],
      ['Hometown', staff.homeTown],
      ['Blood type', staff.bloodType],
    ]),
    works: shownWorks.items.map(([mediaId, list]) => ({ work: workCard(ctx, works.get(mediaId)!, viewer, yearOf(works.get(mediaId)!)), roles: list })),
    voiced: shownVoiced.items.flatMap((v) => {
      const character = characters.get(v.characterId)
      if (!character) return []
      const part = parts.get(v.characterId)?.find((r) => r.mediaId === v.mediaId)
      return [{ character: personCard(ctx, 'character', character), role: enumLabel(part?.role) || 'Unknown role', work: workCard(ctx, works.get(v.mediaId)!, viewer) }]
    }),
    paging: { page, pages: Math.max(shownWorks.pages, shownVoiced.pages), total: shownWorks.total + shownVoiced.total },
  }
}

export interface StudioPageView {
  studio: Studio
  works: CardLink[]
  paging: Paging
}

/** The page of studio `id`: its works newest first, a page at a time; null when there is no such studio. */
export async function loadStudioPage(ctx: AppContext, id: number, viewer: Viewer | null, page: number): Promise<StudioPageView | null> {
  const db = ctx.db
  const studio = (await loadStudiosByIds(db, [id])).get(id)
  if (!studio) return null
  const found = (await studioMediaPages(db, [id], { sort: NEWEST_FIRST, window: { offset: (page - 1) * PER_PAGE, limit: PER_PAGE } })).get(id)!
  return {
    studio,
    works: found.media.map(({ media, isMain }) => workCard(ctx, media, viewer, [enumLabel(media.format), yearOf(media), isMain ? '' : 'Not main studio'].filter(Boolean).join(' · '))),
    paging: { page, pages: Math.max(1, Math.ceil(found.total / PER_PAGE)), total: found.total },
  }
}
