/**
 * `kiroku import --mal-xml FILE --user NAME [--overwrite]` and `kiroku export --user NAME --mal-xml
 * [--type anime|manga]`: a user's list in and out in MyAnimeList's XML export format (lists/mal-xml/).
 */
import fs from 'node:fs/promises'
import type { Command } from 'commander'
import { findUserByName } from '../accounts/users.js'
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { systemClock } from '../util/clock.js'
import { MAX_MAL_XML_BYTES, MalXmlError, readMalXml } from '../lists/mal-xml/parse.js'
import { importMalXml } from '../lists/mal-xml/import.js'
import { exportMalXml } from '../lists/mal-xml/export.js'
import { withDatabase, withExistingDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(file)
    if (stat.isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`)
    if (stat.size > MAX_MAL_XML_BYTES) throw new CliError(`cannot import ${file}: it is larger than ${MAX_MAL_XML_BYTES / 1024 / 1024} MB`)
    return await fs.readFile(file)
  } catch (error) {
    if (error instanceof CliError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
}

async function userNamed(db: Kysely<Tables>, name: string) {
  const user = await findUserByName(db, name)
  if (!user) throw new CliError(`there is no user named "${name}"`)
  return user
}

const typeWord = (type: string) => type.toLowerCase()

export async function importMalXmlFile(io: CliIo, file: string, userName: string, options: { overwrite: boolean; database?: string }): Promise<void> {
  let parsed
  try {
    parsed = readMalXml(await readBytes(file))
  } catch (error) {
    if (error instanceof MalXmlError) throw new CliError(`cannot import ${file}: ${error.message}`)
    throw error
  }
  await withDatabase(options.database, async ({ db }) => {
    const user = await userNamed(db, userName)
    const report = await importMalXml(db, systemClock, user.id, parsed, { overwrite: options.overwrite })
    const lines = [
      `Imported ${file} into ${user.name}'s list: ${report.added} added, ${report.updated} updated, ${report.kept} kept as they were, ${report.notImported.length} not imported.`,
    ]
    if (report.kept > 0 && !options.overwrite) lines.push('Entries already on the list were kept; give --overwrite to replace them with the file\'s.')
    if (report.notImported.length > 0) {
      lines.push('Not imported:')
      for (const r of report.notImported) lines.push(`  ${typeWord(r.type)} ${r.malId ?? '(no id)'} "${r.title}": ${r.reason}`)
    }
    if (report.warnings.length > 0) {
      lines.push('Imported, with fields left out:')
      for (const w of report.warnings) lines.push(`  ${typeWord(w.type)} ${w.malId ?? '(no id)'} "${w.title}": ${w.message}`)
    }
    io.stdout(lines.join('\n') + '\n')
  })
}

interface ExportFlags {
  user: string
  malXml?: boolean
  type: string
  database?: string
}

export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description("write a user's anime or manga list to standard output in MyAnimeList's XML export format (private entries included; works without a MAL id are named in a comment and on stderr)")
    .requiredOption('--user <name>', 'whose list')
    .option('--mal-xml', "MyAnimeList's XML export format (the only format, and the default)")
    .option('--type <type>', 'anime or manga', 'anime')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (flags: ExportFlags) => {
      const type = flags.type.toLowerCase()
      if (type !== 'anime' && type !== 'manga') throw new CliError(`--type is anime or manga, not "${flags.type}"`)
      await withExistingDatabase(flags.database, async ({ db }) => {
        const user = await userNamed(db, flags.user)
        const result = await exportMalXml(db, user, type === 'anime' ? 'ANIME' : 'MANGA')
        io.stdout(result.xml)
        if (result.skipped.length > 0) io.stderr(`kiroku: ${result.skipped.length} ${type} without a MAL id left out: ${result.skipped.join('; ')}\n`)
      })
    })
}
