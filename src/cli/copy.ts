/**
 * `kiroku copy --from URL --to URL`: moves a whole installation to another database (storage/copy.ts),
 * e.g. from SQLite to PostgreSQL. One command rather than export and import: nothing passes through a
 * file that would hold every secret in the clear, and the target is checked against the source
 * before a row moves. Stop the servers on the source first, or their later writes stay behind.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { parseDatabaseUrl, DatabaseUrlError, type Database } from '../storage/db.js'
import { copyDatabase, CopyRefusedError } from '../storage/copy.js'
import { explainDatabaseError, openCliDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'
import { progressBar } from './progress.js'

interface CopyFlags {
  from: string
  to: string
  forceEmptyTarget?: boolean
}

/** A key that is equal for two URLs naming the same database (the same file, or the same server URL). */
function identity(url: string): string {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'sqlite') return `sqlite:${target.file === ':memory:' ? ':memory:' : path.resolve(target.file)}`
  return new URL(target.url).href
}

/** Refuses sources that cannot be copied before anything is opened (opening a SQLite file creates it). */
function checkUrls(from: string, to: string): void {
  try {
    const source = parseDatabaseUrl(from)
    parseDatabaseUrl(to)
    if (source.dialect === 'sqlite' && source.file === ':memory:') throw new CliError('--from names an in-memory database, which holds nothing to copy')
    if (source.dialect === 'sqlite' && !fs.existsSync(source.file)) throw new CliError(`--from names no database: there is no file ${source.file}`)
    if (identity(from) === identity(to)) throw new CliError('--from and --to name the same database')
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CliError(error.message)
    throw error
  }
}

export function registerCopyCommand(program: Command, io: CliIo): void {
  program
    .command('copy')
    .description('copy a whole installation (every table, ids, secrets, tokens, keys) into another database, e.g. SQLite to PostgreSQL; prints {"tables":{…},"rows":N} as JSON')
    .requiredOption('--from <url>', 'the database to copy (sqlite:PATH, a file path or postgres://…); only read')
    .requiredOption('--to <url>', 'the database to fill: migrated first, and it must hold no rows')
    .option('--force-empty-target', 'delete every row the target already holds before copying')
    .action(async (flags: CopyFlags) => {
      checkUrls(flags.from, flags.to)
      const source = openCliDatabase(flags.from)
      let target: Database | undefined
      try {
        target = openCliDatabase(flags.to)
        const bars = new Map<string, (done: number, total: number) => void>()
        const report = await copyDatabase(source, target, {
          emptyTarget: flags.forceEmptyTarget === true,
          onProgress: (table, done, total) => {
            if (!bars.has(table)) bars.set(table, progressBar(io, `Copying ${table}`))
            bars.get(table)!(done, total)
          },
        })
        const rows = report.tables.reduce((sum, t) => sum + t.rows, 0)
        io.stdout(JSON.stringify({ tables: Object.fromEntries(report.tables.map((t) => [t.name, t.rows])), rows }) + '\n')
        io.stderr(`Copied ${rows} rows in ${report.tables.length} tables from ${source.describe} to ${target.describe}.\n`)
      } catch (error) {
        if (error instanceof CopyRefusedError) throw new CliError(error.message)
        throw explainDatabaseError(error, flags.from, flags.to)
      } finally {
        await source.close()
        await target?.close()
      }
    })
}
