/**
 * `kiroku import FILE.json` and `kiroku import --bangumi-data`: load anime and manga into the catalog.
 * Both are idempotent: running one again updates what changed and never duplicates a work.
 */
import fs from 'node:fs/promises'
import type { Command } from 'commander'
import { upsertMedia, type UpsertOptions } from '../catalog/media-store.js'
import type { MediaInput } from '../catalog/media.js'
import { parseAniListFile } from '../catalog/importers/anilist-json.js'
import { importStudios, writeMediaExtras, type MediaExtras } from '../catalog/media-extras.js'
import type { StudioInput, StudioMediaLink } from '../catalog/studios.js'
import { TagNameConflict } from '../catalog/tags.js'
import { BANGUMI_FILL_ONLY, loadBangumiData, mapBangumiItems, MissingPackageError } from '../catalog/importers/bangumi-data.js'
import { ImportError } from '../catalog/importers/import-error.js'
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
async function inputsFor(file: string | undefined, flags: ImportFlags, io: CliIo): Promise<{ inputs: MediaInput[]; extras?: MediaExtras[]; studios?: StudioInput[]; studioLinks?: StudioMediaLink[]; options: UpsertOptions; extra: Record<string, unknown> }> {
  if (flags.bangumiData) {
    const { items, version } = loadBangumiData()
    const { inputs, withoutAniList } = mapBangumiItems(items, systemClock())
    io.stderr(`Reading bangumi-data ${version} (CC-BY-4.0): ${inputs.length} anime with an AniList id, ${withoutAniList} items without one skipped.\n`)
    return { inputs, options: { fillOnly: BANGUMI_FILL_ONLY }, extra: { source: `bangumi-data@${version}`, skippedWithoutAniListId: withoutAniList } }
  }
  const parsed = parseAniListFile(await readFile(file!))
  return { inputs: parsed.media, extras: parsed.extras, studios: parsed.studios, studioLinks: parsed.studioLinks, options: {}, extra: { source: file } }
}

/** Two tag ids sharing a name is a fault in the file: said plainly, not as a crash. */
function tagConflictAsCliError(error: unknown): never {
  if (error instanceof TagNameConflict) throw new CliError(error.message)
  throw error
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load anime and manga into the catalog; prints {"inserted","updated","unchanged",…} as JSON')
    .argument('[file]', 'a JSON file of AniList Media objects: an array, or an AniList {"data":{"Page":{"media":[…]}}} response')
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
      const { inputs, extras, studios, studioLinks, options, extra } = planned
      await withDatabase(flags.database, async ({ db }) => {
        const result = await upsertMedia(db, systemClock, inputs, { ...options, onProgress: progressBar(io, 'Importing') })
        // Studios, tags, links and airings point at the works, so they follow the media rows.
        const more = extras && extras.length > 0 ? await writeMediaExtras(db, systemClock, extras, progressBar(io, 'Linking')).catch(tagConflictAsCliError) : undefined
        const catalog = studios && studios.length > 0 ? await importStudios(db, systemClock, studios, studioLinks, more) : more
        io.stdout(JSON.stringify({ ...result, ...(catalog ?? {}), ...extra }) + '\n')
      })
    })
}
