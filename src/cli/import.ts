/**
 * `kiroku import FILE.json` and `kiroku import --bangumi-data`: load anime and manga into the catalog,
 * and (from a FILE) the characters, voice actors and staff nested in them or saved as Page.characters /
 * Page.staff responses. Both are idempotent: running one again updates what changed and never duplicates a work.
 */
import fs from 'node:fs/promises'
import type { Command } from 'commander'
import type { MediaWrite, UpsertOptions } from '../catalog/media-store.js'
import { notifyMediaWrites } from '../social/media-notifications.js'
import { TagNameConflict } from '../catalog/tags.js'
import { parseAniListImport, writeAniListImport, type AniListImport } from '../people/import/anilist-import.js'
import { BANGUMI_FILL_ONLY, loadBangumiData, mapBangumiItems, MissingPackageError } from '../catalog/importers/bangumi-data.js'
import { ImportError } from '../catalog/importers/import-error.js'
import { systemClock } from '../util/clock.js'
import { withDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'
import { progressBar } from './progress.js'
import { recomputeFigures } from '../lists/figures/recompute.js'
import { refreshRankings } from '../lists/figures/rankings.js'
import { importMalXmlFile } from './mal-xml.js'

interface ImportFlags {
  bangumiData?: boolean
  malXml?: string
  user?: string
  overwrite?: boolean
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
async function inputsFor(file: string | undefined, flags: ImportFlags, io: CliIo): Promise<{ file: AniListImport; options: UpsertOptions; extra: Record<string, unknown> }> {
  if (flags.bangumiData) {
    const { items, version } = loadBangumiData()
    const { inputs, withoutAniList } = mapBangumiItems(items, systemClock())
    io.stderr(`Reading bangumi-data ${version} (CC-BY-4.0): ${inputs.length} anime with an AniList id, ${withoutAniList} items without one skipped.\n`)
    return { file: { media: inputs, extras: [], studios: [], studioLinks: [] }, options: { fillOnly: BANGUMI_FILL_ONLY }, extra: { source: `bangumi-data@${version}`, skippedWithoutAniListId: withoutAniList } }
  }
  return { file: parseAniListImport(await readFile(file!)), options: {}, extra: { source: file } }
}

/** Two tag ids sharing a name, or an id stored with the other type, is a fault in the file: said plainly, not as a crash. */
function tagConflictAsCliError(error: unknown): never {
  if (error instanceof TagNameConflict || error instanceof ImportError) throw new CliError(error.message)
  throw error
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load anime and manga into the catalog; prints {"inserted","updated","unchanged",…} as JSON. With --mal-xml FILE --user NAME: put a MyAnimeList XML export on a user\'s list instead, and print what was added, updated, kept and not imported')
    .argument('[file]', 'a JSON file of AniList Media objects (with their studios, tags, links, airings, characters and staff): an array, or an AniList {"data":{"Page":{"media" | "characters" | "staff" | "studios":[…]}}} response')
    .option('--bangumi-data', 'import the anime of the bangumi-data package (CC-BY-4.0) that have an AniList id')
    .option('--mal-xml <file>', "a MyAnimeList XML export (.xml or MAL's .xml.gz) to put on the list of --user, matched to the catalog by MAL id")
    .option('--user <name>', 'with --mal-xml: whose list the entries go on')
    .option('--overwrite', 'with --mal-xml: replace entries already on the list (default: keep them as they are)')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (file: string | undefined, flags: ImportFlags) => {
      if (flags.malXml !== undefined) {
        if (file !== undefined || flags.bangumiData) throw new CliError('--mal-xml imports a list: give it without a catalog FILE or --bangumi-data')
        if (flags.user === undefined) throw new CliError('--mal-xml needs --user NAME: whose list the entries go on')
        return importMalXmlFile(io, flags.malXml, flags.user, { overwrite: flags.overwrite === true, database: flags.database })
      }
      if (flags.user !== undefined || flags.overwrite) throw new CliError('--user and --overwrite go with --mal-xml FILE')
      if (file !== undefined && flags.bangumiData) throw new CliError('give either a FILE or --bangumi-data, not both')
      if (file === undefined && !flags.bangumiData) throw new CliError('nothing to import: give a FILE.json or --bangumi-data')
      let planned
      try {
        planned = await inputsFor(file, flags, io)
      } catch (error) {
        if (error instanceof ImportError || error instanceof MissingPackageError) throw new CliError(error.message)
        throw error
      }
      const { file: parsed, options, extra } = planned
      await withDatabase(flags.database, async ({ db }) => {
        const writes: MediaWrite[] = []
        const result = await writeAniListImport(db, systemClock, parsed, { ...options, onWritten: (w) => void writes.push(w) }, (stage) => progressBar(io, stage)).catch(tagConflictAsCliError)
        // The users with a changed work on a list are told (social/media-notifications.ts).
        await notifyMediaWrites(db, systemClock, writes)
        // An import brings the remote's figures; where this server's lists already speak for a work,
        // theirs win again (lists/figures/recompute.ts), and the catalog is ranked anew.
        await recomputeFigures(db, systemClock, parsed.media.map((m) => m.id))
        await refreshRankings(db)
        io.stdout(JSON.stringify({ ...result, ...extra }) + '\n')
      })
    })
}
