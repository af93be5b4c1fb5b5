/**
 * Puts a MAL XML export (parse.ts) on a user's list. Entries are matched by MAL id to works of the
 * same type in the catalog; each goes through the same checks as SaveMediaListEntry (validation.ts,
 * apply-changes.ts, status-rules.ts), then all are written in bulk: new entries in one transaction of
 * multi-row inserts, overwritten ones in another, and the figures of every touched work recomputed
 * at the end, a transaction per 500 works, so that 5,000 entries take seconds.
 *
 * An entry already on the list is kept as it is unless `overwrite` is asked for; then the file's
 * fields replace the entry's (custom lists, privacy and advanced scores, which MAL has not, stay).
 * Every entry that is not imported is in the report's `notImported`, with the reason.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import type { Media, MediaType } from '../../catalog/media.js'
import { loadMediaByMalIds } from '../../catalog/media-store.js'
import { getListOptionsOf, typeOptions } from '../list-options.js'
import { defaultEntryFields, type EntryFields } from '../entry.js'
import { insertEntries, loadUserEntriesForMedia, updateEntry, type NewEntry } from '../entry-store.js'
import { entryFields } from '../entry-row.js'
import { applyChanges } from '../apply-changes.js'
import { applyStatusRules } from '../status-rules.js'
import { checkEntryInput, type EntryInput } from '../validation.js'
import { recomputeFigures } from '../figures/recompute.js'
import type { MalEntry, MalRejected, MalWarning, MalXmlFile } from './parse.js'

export interface MalImportOptions {
  /** Replace entries already on the list with the file's (default: keep them). */
  overwrite?: boolean
}

export interface MalImportReport {
  added: number
  updated: number
  kept: number
  /** Entries of the file not on the list afterwards: not in the catalog, of the other type, invalid, repeated. */
  notImported: MalRejected[]
  /** Fields left out of imported entries (parse.ts). */
  warnings: MalWarning[]
}

const typeWord = (type: MediaType) => (type === 'ANIME' ? 'anime' : 'manga')

/** The entry's fields as SaveMediaListEntry arguments. */
function inputOf(entry: MalEntry): EntryInput {
  return {
    status: entry.status,
    scoreRaw: Math.round(entry.score * 10),
    progress: entry.progress,
    progressVolumes: entry.type === 'MANGA' ? entry.progressVolumes : null,
    repeat: entry.repeat,
    notes: entry.notes,
    startedAt: entry.startedAt,
    completedAt: entry.completedAt,
  }
}

/** Imports `file` into the list of user `userId`. */
export async function importMalXml(db: Kysely<Tables>, clock: Clock, userId: number, file: MalXmlFile, options: MalImportOptions = {}): Promise<MalImportReport> {
  const report: MalImportReport = { added: 0, updated: 0, kept: 0, notImported: [...file.rejected], warnings: [...file.warnings] }
  const listOptions = await getListOptionsOf(db, userId)
  const found = await loadMediaByMalIds(db, file.entries.map((e) => e.malId))

  // Match and check every entry first: nothing is written for an entry that fails.
  const matched: Array<{ entry: MalEntry; media: Media; input: EntryInput }> = []
  const seen = new Set<number>()
  for (const entry of file.entries) {
    const candidates = found.get(entry.malId) ?? []
    const media = candidates.find((m) => m.type === entry.type)
    const refuse = (reason: string) => report.notImported.push({ type: entry.type, malId: entry.malId, title: entry.title, reason })
    if (!media) {
      refuse(candidates.length > 0
        ? `MAL id ${entry.malId} is a ${typeWord(candidates[0]!.type)} in this catalog, not an ${typeWord(entry.type)}.`
        : `No ${typeWord(entry.type)} with MAL id ${entry.malId} is in this catalog.`)
      continue
    }
    if (seen.has(media.id)) {
      refuse(`MAL id ${entry.malId} is listed more than once in the file; the first one was used.`)
      continue
    }
    seen.add(media.id)
    const input = inputOf(entry)
    const { problems } = checkEntryInput(input, listOptions.scoreFormat)
    if (Object.keys(problems).length > 0) {
      refuse(Object.values(problems).flat().join(' '))
      continue
    }
    matched.push({ entry, media, input })
  }

  const existing = await loadUserEntriesForMedia(db, userId, matched.map((m) => m.media.id))
  const now = clock()
  const inserts: NewEntry[] = []
  const updates: Array<{ id: number; fields: EntryFields }> = []
  for (const { media, input } of matched) {
    const { changes } = checkEntryInput(input, listOptions.scoreFormat)
    const settings = typeOptions(listOptions, media.type)
    const current = existing.get(media.id)
    if (current) {
      if (!options.overwrite) {
        report.kept++
        continue
      }
      const before = entryFields(current)
      updates.push({ id: current.id, fields: applyStatusRules(before, applyChanges(before, changes, settings), media) })
      continue
    }
    const fields = applyStatusRules(null, applyChanges(defaultEntryFields(), changes, settings), media)
    inserts.push({ userId, mediaId: media.id, mediaType: media.type, fields, createdAt: now, updatedAt: now })
  }

  report.added = await insertEntries(db, inserts)
  // An entry another request added meanwhile was skipped by the insert: it is on the list, kept as it is.
  report.kept += inserts.length - report.added
  if (updates.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const { id, fields } of updates) if (await updateEntry(trx, id, fields, now)) report.updated++
    })
  }
  if (report.added + report.updated > 0) await recomputeInChunks(db, clock, matched.map((m) => m.media.id))
  return report
}

/** Works per recompute transaction: one commit per chunk instead of one per work's figures (PostgreSQL syncs each). */
const RECOMPUTE_CHUNK = 500

async function recomputeInChunks(db: Kysely<Tables>, clock: Clock, mediaIds: readonly number[]): Promise<void> {
  for (let start = 0; start < mediaIds.length; start += RECOMPUTE_CHUNK) {
    const chunk = mediaIds.slice(start, start + RECOMPUTE_CHUNK)
    await db.transaction().execute((trx) => recomputeFigures(trx, clock, chunk))
  }
}
