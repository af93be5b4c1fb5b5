/**
 * `kiroku import FILE.json` and `kiroku import --bangumi-data`: load anime and manga into the catalog,
 * and (from a FILE) the characters, voice actors and staff nested in them or saved as Page.characters /
 * Page.staff responses. Both are idempotent: running one again updates what changed and never duplicates a work.
 */
import fs from 'node:fs/promises'
import type { Command } from 'commander'
import { upsertMedia, type UpsertOptions } from '../catalog/media-store.js'
import type { MediaInput } from '../catalog/media.js'
import { parseAniListMediaFile } from '../catalog/importers/anilist-json.js'
import { BANGUMI_FILL_ONLY, loadBangumiData, mapBangumiItems, MissingPackageError } from '../catalog/importers/bangumi-data.js'
import { ImportError } from '../catalog/importers/import-error.js'
import { importPeople, parseAniListPeopleFile, type PeopleFile } from '../people/import/anilist-people.js'
import { systemClock } from '../util/clock.js'
import { withDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'
import { progressBar } from './progress.js'

interface ImportFlags {
  bangumiData?: boolean
  database?: string
}

async function readFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`)
  }
}

/** What to import, checked before the database is opened. */
async function inputsFor(file: string | undefined, flags: ImportFlags, io: CliIo): Promise<{ inputs: MediaInput[]; options: UpsertOptions; extra: Record<string, unknown>; people?: PeopleFile }> {
  if (flags.bangumiData) {
    const { items, version } = loadBangumiData()
    const { inputs, withoutAniList } = mapBangumiItems(items, systemClock())
    io.stderr(`Reading bangumi-data ${version} (CC-BY-4.0): ${inputs.length} anime with an AniList id, ${withoutAniList} items without one skipped.\n`)
    return { inputs, options: { fillOnly: BANGUMI_FILL_ONLY }, extra: { source: `bangumi-data@${version}`, skippedWithoutAniListId: withoutAniList } }
  }
  const text = await readFile(file!)
  let inputs: MediaInput[] = []
  let mediaProblem: ImportError | undefined
  try {
    inputs = parseAniListMediaFile(text)
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    mediaProblem = error
  }
  // A file of Page.characters or Page.staff holds no media, which only the media's own reader minds.
  let people: PeopleFile
  try {
    people = parseAniListPeopleFile(text)
  } catch (error) {
    throw mediaProblem ?? error
  }
  if (mediaProblem && people.hasMedia) throw mediaProblem
  const hasPeople = people.characters.length > 0 || people.staff.length > 0 || people.casts.size > 0 || people.staffRoles.size > 0
  return { inputs, options: {}, extra: { source: file }, ...(hasPeople ? { people } : {}) }
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load anime and manga into the catalog; prints {"inserted","updated","unchanged",…} as JSON')
    .argument('[file]', 'a JSON file of AniList Media objects (with their characters and staff): an array, or an AniList {"data":{"Page":{"media" | "characters" | "staff":[…]}}} response')
    .option('--bangumi-data', 'import the anime of the bangumi-data package (CC-BY-4.0) that have an AniList id')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (file: string | undefined, flags: ImportFlags) => {
      if (file !== undefined && flags.bangumiData) throw new CliError('give either a FILE or --bangumi-data, not both')
      if (file === undefined && !flags.bangumiData) throw new CliError('nothing to import: give a FILE.json or --bangumi-data')
      let planned
      try {
        planned = await inputsFor(file, flags, io)
      } catch (error) {
        if (error instanceof ImportError || error instanceof MissingPackageError) throw new CliError(error.message)
        throw error
      }
      const { inputs, options, extra, people } = planned
      await withDatabase(flags.database, async ({ db }) => {
        const result = await upsertMedia(db, systemClock, inputs, { ...options, onProgress: progressBar(io, 'Importing') })
        // After the media, so that every cast links to a stored work.
        const peopleResult = people ? await importPeople(db, systemClock, people, progressBar(io, 'Linking casts')) : undefined
        io.stdout(JSON.stringify({ ...result, ...extra, ...(peopleResult ? { people: peopleResult } : {}) }) + '\n')
      })
    })
}
