/**
 * One AniList-shaped file, read whole: its media (with their studios, tags, links and airings, read
 * by the catalog's importer), saved `Page.studios` answers, and the casts and staff nested in its
 * media or saved as `Page.characters` / `Page.staff` answers (read by the people importer). The
 * `kiroku import` command and the demo's built-in world both go through here, so the two can never
 * read a file differently.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import type { MediaInput } from '../../catalog/media.js'
import { readAniListFile } from '../../catalog/importers/anilist-json.js'
import { ImportError, parseImportJson } from '../../catalog/importers/import-error.js'
import { importStudios, writeMediaExtras, type ExtrasResult, type MediaExtras } from '../../catalog/media-extras.js'
import { upsertMedia, type UpsertOptions, type UpsertResult } from '../../catalog/media-store.js'
import type { StudioInput, StudioMediaLink } from '../../catalog/studios.js'
import { importPeople, readAniListPeopleFile, type PeopleFile, type PeopleImportResult } from './anilist-people.js'

export interface AniListImport {
  media: MediaInput[]
  extras: MediaExtras[]
  studios: StudioInput[]
  /** The works of a saved Page.studios answer, linked to their studio (written once the works are stored). */
  studioLinks: StudioMediaLink[]
  /** Present when the file holds any character, staff member, cast or staff list. */
  people?: PeopleFile
}

/** Reads a file's text; a file that is not AniList-shaped throws ImportError naming every problem. */
export function parseAniListImport(text: string): AniListImport {
  return readAniListImport(parseImportJson(text))
}

/** The same for a document already parsed (the demo's built-in files, a remote's answer). */
export function readAniListImport(document: unknown): AniListImport {
  let catalog: Omit<AniListImport, 'people'> = { media: [], extras: [], studios: [], studioLinks: [] }
  let catalogProblem: ImportError | undefined
  try {
    catalog = readAniListFile(document)
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    catalogProblem = error
  }
  // A file of Page.characters or Page.staff holds no media, which only the catalog's reader minds;
  // a saved Page.studios holds no people, which only the people reader minds.
  const studiosOnly = !catalogProblem && catalog.media.length === 0
  let people: PeopleFile
  try {
    people = readAniListPeopleFile(document)
  } catch (error) {
    if (studiosOnly) return catalog
    throw catalogProblem ?? error
  }
  if (catalogProblem && people.hasMedia) throw catalogProblem
  const hasPeople = people.characters.length > 0 || people.staff.length > 0 || people.casts.size > 0 || people.staffRoles.size > 0
  if (catalogProblem && !hasPeople) throw catalogProblem
  return { ...catalog, ...(hasPeople ? { people } : {}) }
}

export type AniListImportResult = UpsertResult & Partial<ExtrasResult> & { people?: PeopleImportResult }

/** A progress reporter per stage, or none. */
export type StageProgress = (stage: string) => ((done: number, total: number) => void) | undefined

/**
 * Writes what was read, in the order the links need: the media rows, then what points at them
 * (studios, tags, links, airings), then the people and their casts. Idempotent: writing the same
 * file again changes nothing.
 */
export async function writeAniListImport(db: Kysely<Tables>, clock: Clock, file: AniListImport, options: UpsertOptions = {}, progress: StageProgress = () => undefined): Promise<AniListImportResult> {
  const result = await upsertMedia(db, clock, file.media, { ...options, onProgress: progress('Importing') })
  const extras = file.extras.length > 0 ? await writeMediaExtras(db, clock, file.extras, progress('Linking')) : undefined
  const catalog = file.studios.length > 0 ? await importStudios(db, clock, file.studios, file.studioLinks, extras) : extras
  const people = file.people ? await importPeople(db, clock, file.people, progress('Linking casts')) : undefined
  return { ...result, ...(catalog ?? {}), ...(people ? { people } : {}) }
}
