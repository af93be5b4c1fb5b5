/**
 * AniList grew two enums over time and asks old clients to opt in to the new values with a `version`
 * argument. A stored value newer than the version asked for is answered with the closest old value.
 */
import type { MediaRelation, MediaSource, MediaStatus } from './media.js'

const SOURCES_V1 = new Set<MediaSource>(['ORIGINAL', 'MANGA', 'LIGHT_NOVEL', 'VISUAL_NOVEL', 'VIDEO_GAME', 'OTHER'])
const SOURCES_V2 = new Set<MediaSource>([...SOURCES_V1, 'NOVEL', 'DOUJINSHI', 'ANIME'])

/** `Media.source(version)`: version 3 has every value, 2 lacks the newest, 1 (the default) the original six. */
export function sourceForVersion(source: MediaSource | null, version: number | null | undefined): MediaSource | null {
  if (source === null) return null
  const v = version ?? 1
  if (v >= 3) return source
  if (v === 2) return SOURCES_V2.has(source) ? source : source === 'WEB_NOVEL' ? 'NOVEL' : 'OTHER'
  return SOURCES_V1.has(source) ? source : 'OTHER'
}

/** `Media.status(version)`: HIATUS exists from version 2; before that a paused work is still releasing. */
export function statusForVersion(status: MediaStatus | null, version: number | null | undefined): MediaStatus | null {
  if (status === 'HIATUS' && (version ?? 1) < 2) return 'RELEASING'
  return status
}

const RELATIONS_V1: Partial<Record<MediaRelation, MediaRelation>> = { SOURCE: 'ADAPTATION', COMPILATION: 'OTHER', CONTAINS: 'OTHER' }

/** `MediaEdge.relationType(version)`: SOURCE, COMPILATION and CONTAINS exist from version 2. */
export function relationForVersion(relation: MediaRelation, version: number | null | undefined): MediaRelation {
  return (version ?? 1) >= 2 ? relation : (RELATIONS_V1[relation] ?? relation)
}
