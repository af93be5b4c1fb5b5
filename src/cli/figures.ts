/**
 * `kiroku figures recompute` and `kiroku figures snapshot`: the figures a running server keeps
 * current by itself (lists/figures/), on demand. Recompute after `kiroku import`, which writes the
 * imported figures over local ones; snapshot to take today's trend snapshot now (a second one the
 * same day writes nothing). Each prints one JSON line on stdout.
 */
import type { Command } from 'commander'
import { systemClock } from '../util/clock.js'
import { recomputeAllFigures } from '../lists/figures/recompute.js'
import { snapshotTrends } from '../lists/figures/trends.js'
import { withDatabase } from './database.js'
import type { CliIo } from './io.js'

const databaseOption = ['--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)'] as const

export function registerFiguresCommands(program: Command, io: CliIo): void {
  const figures = program.command('figures').description("media figures computed from this server's lists: scores, popularity, favourites, trending, trends")
  figures
    .command('recompute')
    .description('recompute the figures of every work listed or favourited here, then rank the whole catalog again; prints {"recomputed": n}')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      await withDatabase(opts.database, async (database) => {
        const recomputed = await recomputeAllFigures(database.db, systemClock)
        io.stdout(JSON.stringify({ recomputed }) + '\n')
      })
    })
  figures
    .command('snapshot')
    .description("take today's trend snapshot of every work listed or favourited here; prints {\"snapshots\": n} (0 when already taken today)")
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      await withDatabase(opts.database, async (database) => {
        const snapshots = await snapshotTrends(database.db, systemClock)
        io.stdout(JSON.stringify({ snapshots }) + '\n')
      })
    })
}
