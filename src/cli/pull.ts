/**
 * `kiroku pull media`: fills the catalog from a remote AniList-compatible API (AniList itself by
 * default; another Kiroku is one too), reading public data only, without a token. Prints one JSON
 * line at the end: {"inserted","updated","unchanged","requests","waitedSeconds",…}.
 */
import type { Command } from 'commander'
import { MEDIA_SEASONS } from '../catalog/media.js'
import { STAFF_LANGUAGES } from '../people/people.js'
import { TagNameConflict } from '../catalog/tags.js'
import { DEFAULT_ENDPOINT } from '../pull/endpoint.js'
import { findMediaIds, type FindOptions } from '../pull/find-media.js'
import { pullMedia } from '../pull/pull-media.js'
import { LocalUserMissing, pullUser } from '../pull/pull-user.js'
import { RemoteClient, RemoteError } from '../pull/remote.js'
import { ImportError } from '../catalog/importers/import-error.js'
import { systemClock } from '../util/clock.js'
import { withDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'
import { progressBar } from './progress.js'

interface PullMediaFlags {
  ids?: string
  search?: string
  season?: string
  year?: string
  popular?: string
  type?: string
  relations: string
  languages: string
  refresh?: boolean
  endpoint: string
  database?: string
}

function count(value: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new CliError(`${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`)
  return Number(value)
}

function idsOf(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '')
  if (parts.length === 0) throw new CliError('--ids needs at least one media id, e.g. --ids 1,5,21')
  return parts.map((p) => count(p, '--ids: each id', 1, 2_147_483_647))
}

function endpointOf(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new CliError(`--endpoint must be an http(s) URL, not ${JSON.stringify(text)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--endpoint must be an http(s) URL, not ${JSON.stringify(text)}`)
  return url.href
}

function languagesOf(text: string): string[] {
  const languages = [...new Set(text.split(',').map((p) => p.trim().toUpperCase()).filter((p) => p !== ''))]
  const wrong = languages.find((l) => !(STAFF_LANGUAGES as readonly string[]).includes(l))
  if (languages.length === 0 || wrong !== undefined) throw new CliError(`--languages takes StaffLanguage values, comma-separated (${STAFF_LANGUAGES.join(', ')})${wrong ? `, not ${JSON.stringify(wrong)}` : ''}`)
  return languages
}

/** What to look for, when the works are not named by id; checked before anything is sent. */
function findOptionsOf(flags: PullMediaFlags): FindOptions | undefined {
  const type = flags.type === undefined ? undefined : flags.type.toUpperCase()
  if (type !== undefined && type !== 'ANIME' && type !== 'MANGA') throw new CliError(`--type must be ANIME or MANGA, not ${JSON.stringify(flags.type)}`)
  const typed = type ? { type: type as 'ANIME' | 'MANGA' } : {}
  if (flags.search !== undefined) {
    if (flags.search.trim() === '') throw new CliError('--search needs some text')
    // A search matches loosely: its first page is what was meant, the rest is noise.
    return { search: flags.search, limit: 50, ...typed }
  }
  if (flags.season !== undefined || flags.year !== undefined) {
    const season = flags.season?.toUpperCase()
    if (season === undefined || !(MEDIA_SEASONS as readonly string[]).includes(season)) throw new CliError(`--season must be one of ${MEDIA_SEASONS.join(', ')} (with --year)`)
    if (flags.year === undefined) throw new CliError('--season needs --year, e.g. --season SPRING --year 2024')
    return { season, year: count(flags.year, '--year', 1900, 2100), type: 'ANIME' }
  }
  if (flags.popular !== undefined) return { popular: count(flags.popular, '--popular', 1, 10_000), ...typed }
  return undefined
}

interface PullUserFlags {
  into: string
  overwrite?: boolean
  token?: string
  tokenStdin?: boolean
  endpoint: string
  database?: string
}

/** On a terminal each wait gets a line of its own above the bar; logs and pipes get only the summary. */
function waitReporter(io: CliIo) {
  return io.stderrIsTTY ? { onWait: (seconds: number, reason: string) => io.stderr(`\r\x1b[Kwaiting ${seconds} s: ${reason}\n`) } : {}
}

export function registerPullCommands(program: Command, io: CliIo): void {
  const pull = program.command('pull').description('fill this server from a remote AniList-compatible API (public data; a user\'s own with their token)')
  pull
    .command('media')
    .description('pull anime and manga with their studios, tags, characters, voice actors, staff and airings; prints {"inserted","updated","unchanged","requests","waitedSeconds",…} as JSON')
    .option('--ids <ids>', 'media ids, comma-separated (e.g. 1,5,21)')
    .option('--search <text>', 'the works a search of the remote finds (its first 50 matches)')
    .option('--season <season>', 'the anime of a season (WINTER, SPRING, SUMMER, FALL), with --year')
    .option('--year <year>', 'the year of --season')
    .option('--popular <n>', 'the remote\'s N most popular works')
    .option('--type <type>', 'only ANIME or MANGA (for --search and --popular)')
    .option('--relations <n>', 'follow relations (sequels, adaptations…) this many levels', '0')
    .option('--languages <list>', 'the dubs whose voice actors come along, comma-separated (JAPANESE, ENGLISH, …)', 'JAPANESE')
    .option('--refresh', 'pull again the works already pulled from this endpoint (otherwise skipped, so that an interrupted pull resumes)')
    .option('--endpoint <url>', 'the GraphQL endpoint', DEFAULT_ENDPOINT)
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (flags: PullMediaFlags) => {
      const chosen = [flags.ids !== undefined, flags.search !== undefined, flags.season !== undefined || flags.year !== undefined, flags.popular !== undefined].filter(Boolean).length
      if (chosen === 0) throw new CliError('nothing to pull: give --ids, --search, --season with --year, or --popular')
      if (chosen > 1) throw new CliError('give one of --ids, --search, --season/--year, --popular')
      const ids = flags.ids !== undefined ? idsOf(flags.ids) : undefined
      const find = findOptionsOf(flags)
      const relations = count(flags.relations, '--relations', 0, 10)
      const languages = languagesOf(flags.languages)
      const remote = new RemoteClient({ endpoint: endpointOf(flags.endpoint), ...waitReporter(io) })
      // Ctrl-C (or SIGTERM) stops the pull after the batch being written, so that what is written is
      // recorded and the same command resumes from there; a second Ctrl-C ends the process at once.
      let stoppedBy: string | undefined
      void io.untilStopped().then((signal) => void (stoppedBy = signal))
      await withDatabase(flags.database, async ({ db }) => {
        try {
          const wanted = ids ?? (await findMediaIds(remote, find!))
          const summary = await pullMedia(db, systemClock, remote, { ids: wanted, relations, languages, refresh: flags.refresh === true, onProgress: progressBar(io, 'Pulling'), shouldStop: () => stoppedBy !== undefined })
          const { inserted, updated, unchanged, ...rest } = summary
          const { requests, waitedSeconds, retries } = remote.stats
          io.stdout(JSON.stringify({ inserted, updated, unchanged, requests, waitedSeconds, retries, ...rest, endpoint: remote.endpoint }) + '\n')
          if (summary.interrupted) throw new CliError(`stopped by ${stoppedBy}: run the same command again to go on where it stopped`, 130)
        } catch (error) {
          if (error instanceof RemoteError || error instanceof TagNameConflict || error instanceof ImportError) throw new CliError(error.message)
          throw error
        }
      })
    })
  pull
    .command('user')
    .argument('[name]', 'the remote user (may be left out with --token: the token\'s own user)')
    .description('pull a remote user\'s anime and manga lists, list options and favourites into a local user, with every work they reference; prints {"inserted","updated","kept","favourites","mediaPulled","requests","waitedSeconds",…} as JSON')
    .requiredOption('--into <localname>', 'the local user the lists go to (create one with `kiroku user create`)')
    .option('--overwrite', 'replace the local user\'s entries for the same works (otherwise they are kept)')
    .option('--token <token>', 'the remote user\'s access token: their own lists, private entries included (never printed)')
    .option('--token-stdin', 'read that token from standard input instead (keeps it out of the shell history and the process list)')
    .option('--endpoint <url>', 'the GraphQL endpoint', DEFAULT_ENDPOINT)
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (name: string | undefined, flags: PullUserFlags) => {
      if (flags.tokenStdin) {
        if (flags.token !== undefined) throw new CliError('give the token either as --token or on standard input with --token-stdin, not both')
        flags.token = (await io.readStdin()).replace(/\r?\n$/, '')
      }
      if (name === undefined && flags.token === undefined) throw new CliError('name the remote user (kiroku pull user NAME --into LOCALNAME), or give --token for the token\'s own user')
      if (name !== undefined && name.trim() === '') throw new CliError('the remote user\'s name is empty')
      if (flags.token !== undefined && flags.token.trim() === '') throw new CliError('--token is empty')
      if (flags.into.trim() === '') throw new CliError('--into needs the name of a local user')
      const endpoint = endpointOf(flags.endpoint)
      const remote = new RemoteClient({ endpoint, ...(flags.token !== undefined ? { token: flags.token.trim() } : {}), ...waitReporter(io) })
      // As for media: Ctrl-C stops after the batch of works under way; the same command resumes.
      let stoppedBy: string | undefined
      void io.untilStopped().then((signal) => void (stoppedBy = signal))
      await withDatabase(flags.database, async ({ db }) => {
        try {
          const summary = await pullUser(db, systemClock, remote, {
            ...(name !== undefined ? { name: name.trim() } : {}),
            viaToken: flags.token !== undefined,
            into: flags.into.trim(),
            overwrite: flags.overwrite === true,
            onProgress: progressBar(io, 'Pulling works'),
            shouldStop: () => stoppedBy !== undefined,
          })
          const { inserted, updated, kept, favourites, mediaPulled, ...rest } = summary
          const { requests, waitedSeconds, retries } = remote.stats
          io.stdout(JSON.stringify({ inserted, updated, kept, favourites, mediaPulled, requests, waitedSeconds, retries, ...rest, endpoint: remote.endpoint }) + '\n')
          if (summary.interrupted) throw new CliError(`stopped by ${stoppedBy}: run the same command again to go on where it stopped`, 130)
        } catch (error) {
          if (error instanceof RemoteError || error instanceof TagNameConflict || error instanceof LocalUserMissing || error instanceof ImportError) throw new CliError(error.message)
          throw error
        }
      })
    })
}
