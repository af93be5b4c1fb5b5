/**
 * The three list mutations: save one entry (create without an id, update with an id or a media id),
 * update several entries alike, delete one. Each checks its input against the owner's settings,
 * refuses other users' entries, applies AniList's status rules and writes in one transaction.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { Media } from '../catalog/media.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { getListOptionsOf, typeOptions, type MediaListOptions } from './list-options.js'
import { defaultEntryFields, type MediaListEntry } from './entry.js'
import { entryFields } from './entry-row.js'
import { deleteEntry, insertEntry, loadEntriesByIds, loadUserEntriesForMedia, updateEntry } from './entry-store.js'
import { applyChanges, type TypeListSettings } from './apply-changes.js'
import { applyStatusRules } from './status-rules.js'
import { checkEntryInput, type EntryChanges, type EntryInput, type ValidationProblems } from './validation.js'
import { entryNotFound, invalidInput, notYourEntry } from './errors.js'
import { recomputeFigures } from './figures/recompute.js'
import { emitEntryChange, type EntryListener } from './entry-events.js'

/** The arguments of SaveMediaListEntry. */
export interface SaveRequest extends EntryInput {
  id?: number | null
  mediaId?: number | null
}

/** Most entries one UpdateMediaListEntries may change. */
export const MAX_BULK_IDS = 500

function settingsFor(options: MediaListOptions, media: Media): TypeListSettings {
  return typeOptions(options, media.type)
}

function check(input: EntryInput, options: MediaListOptions, extra: ValidationProblems = {}): EntryChanges {
  const { changes, problems } = checkEntryInput(input, options.scoreFormat)
  const all = { ...extra, ...problems }
  if (Object.keys(all).length > 0) throw invalidInput(all)
  return changes
}

async function ownedEntry(trx: Transaction<Tables>, viewerId: number, id: number): Promise<MediaListEntry> {
  const entry = (await loadEntriesByIds(trx, [id])).get(id)
  if (!entry) throw entryNotFound()
  if (entry.userId !== viewerId) throw notYourEntry()
  return entry
}

async function mediaOf(trx: Transaction<Tables>, id: number): Promise<Media> {
  const media = (await loadMediaByIds(trx, [id])).get(id)
  if (!media) throw entryNotFound()
  return media
}

async function update(trx: Transaction<Tables>, entry: MediaListEntry, changes: EntryChanges, media: Media, options: MediaListOptions, now: number, listeners: readonly EntryListener[]): Promise<MediaListEntry> {
  const before = entryFields(entry)
  const fields = applyStatusRules(before, applyChanges(before, changes, settingsFor(options, media)), media)
  const saved = await updateEntry(trx, entry.id, fields, now)
  if (!saved) throw entryNotFound()
  await emitEntryChange(listeners, trx, { userId: entry.userId, media, before, after: saved }, now)
  return saved
}

/** SaveMediaListEntry for the viewer; `listeners` are told of the change inside its transaction (lists/entry-events.ts). */
export async function saveEntry(db: Kysely<Tables>, clock: Clock, viewerId: number, request: SaveRequest, listeners: readonly EntryListener[]): Promise<MediaListEntry> {
  const options = await getListOptionsOf(db, viewerId)
  const missing: ValidationProblems = request.id == null && request.mediaId == null ? { mediaId: ['The media id field is required when id is not present.'] } : {}
  const changes = check(request, options, missing)
  const saved = await db.transaction().execute(async (trx) => {
    const now = clock()
    if (request.id != null) {
      const entry = await ownedEntry(trx, viewerId, request.id)
      if (request.mediaId != null && request.mediaId !== entry.mediaId) throw invalidInput({ mediaId: ['The media id does not match the list entry.'] })
      return update(trx, entry, changes, await mediaOf(trx, entry.mediaId), options, now, listeners)
    }
    const media = await mediaOf(trx, request.mediaId!)
    const existing = (await loadUserEntriesForMedia(trx, viewerId, [media.id])).get(media.id)
    if (existing) return update(trx, existing, changes, media, options, now, listeners)
    const fields = applyStatusRules(null, applyChanges(defaultEntryFields(), changes, settingsFor(options, media)), media)
    const created = await insertEntry(trx, { userId: viewerId, mediaId: media.id, mediaType: media.type }, fields, now)
    if (created) {
      await emitEntryChange(listeners, trx, { userId: viewerId, media, before: null, after: created }, now)
      return created
    }
    // Another save created it since we looked: update that one instead.
    const raced = (await loadUserEntriesForMedia(trx, viewerId, [media.id])).get(media.id)
    if (!raced) throw entryNotFound()
    return update(trx, raced, changes, media, options, now, listeners)
  })
  // Right after the write, outside its transaction: the figures aggregate every user's entries.
  await recomputeFigures(db, clock, [saved.mediaId])
  return saved
}

/** UpdateMediaListEntries for the viewer: the same changes to each listed entry; the entries in the order of `ids`. `listeners` are told of each change. */
export async function updateEntries(db: Kysely<Tables>, clock: Clock, viewerId: number, ids: ReadonlyArray<number | null> | null | undefined, input: EntryInput, listeners: readonly EntryListener[]): Promise<MediaListEntry[]> {
  const wanted = [...new Set((ids ?? []).filter((id): id is number => id !== null))]
  const idProblems: ValidationProblems =
    wanted.length === 0 ? { ids: ['The ids field is required.'] } : wanted.length > MAX_BULK_IDS ? { ids: [`The ids may not have more than ${MAX_BULK_IDS} items.`] } : {}
  const options = await getListOptionsOf(db, viewerId)
  const changes = check(input, options, idProblems)
  const saved = await db.transaction().execute(async (trx) => {
    const now = clock()
    const entries = await loadEntriesByIds(trx, wanted)
    for (const id of wanted) {
      const entry = entries.get(id)
      if (!entry) throw entryNotFound()
      if (entry.userId !== viewerId) throw notYourEntry()
    }
    const media = await loadMediaByIds(trx, [...entries.values()].map((e) => e.mediaId))
    const out: MediaListEntry[] = []
    for (const id of wanted) {
      const entry = entries.get(id)!
      const work = media.get(entry.mediaId)
      if (!work) throw entryNotFound()
      out.push(await update(trx, entry, changes, work, options, now, listeners))
    }
    return out
  })
  await recomputeFigures(db, clock, saved.map((e) => e.mediaId))
  return saved
}

/** DeleteMediaListEntry for the viewer; true once the entry is gone. */
export async function deleteOwnEntry(db: Kysely<Tables>, clock: Clock, viewerId: number, id: number | null | undefined): Promise<boolean> {
  if (id == null) throw invalidInput({ id: ['The id field is required.'] })
  const { deleted, mediaId } = await db.transaction().execute(async (trx) => {
    const entry = await ownedEntry(trx, viewerId, id)
    return { deleted: await deleteEntry(trx, id), mediaId: entry.mediaId }
  })
  if (deleted) await recomputeFigures(db, clock, [mediaId])
  return deleted
}
