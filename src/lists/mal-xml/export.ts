/**
 * A user's anime or manga list as a MAL XML export (build.ts): every entry, private ones included (it
 * is the owner's own copy), each under its work's MAL id. Works without a MAL id cannot be named in
 * the format: they are left out, listed in `skipped` and in a comment at the end of the file.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Media, MediaType } from '../../catalog/media.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { loadEntriesOfUsers } from '../entry-store.js'
import { buildMalXml, type MalExportEntry } from './build.js'

export interface MalExport {
  xml: string
  exported: number
  /** "Title (AniList id 123)" for each entry left out. */
  skipped: string[]
}

function titleOf(media: Media): string {
  return media.title.romaji ?? media.title.english ?? media.title.native ?? `AniList ${media.id}`
}

export async function exportMalXml(db: Kysely<Tables>, user: { id: number; name: string }, type: MediaType): Promise<MalExport> {
  const entries = (await loadEntriesOfUsers(db, [user.id], type)).get(user.id) ?? []
  const media = await loadMediaByIds(db, entries.map((e) => e.mediaId))
  const out: MalExportEntry[] = []
  const skipped: string[] = []
  for (const entry of entries) {
    const work = media.get(entry.mediaId)
    if (!work) continue
    if (work.idMal === null) {
      skipped.push(`${titleOf(work)} (AniList id ${work.id})`)
      continue
    }
    out.push({
      malId: work.idMal,
      title: titleOf(work),
      format: work.format,
      length: type === 'ANIME' ? work.episodes : work.chapters,
      volumes: work.volumes,
      status: entry.status,
      score: entry.score,
      progress: entry.progress,
      progressVolumes: entry.progressVolumes,
      repeat: entry.repeat,
      startedAt: entry.startedAt,
      completedAt: entry.completedAt,
      notes: entry.notes,
    })
  }
  out.sort((a, b) => a.title.localeCompare(b.title) || a.malId - b.malId)
  return { xml: buildMalXml({ userName: user.name, type, entries: out, skipped }), exported: out.length, skipped }
}
