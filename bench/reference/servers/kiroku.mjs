// Kiroku from a checkout's dist/, in a child process. Two modes:
//   --prepare: migrate the database, import the reference catalog (catalog.mjs), rank it, and give
//     users list1000/list5000 (per --lists) entries for the first N works; then exit.
//   serve (default): listen on 127.0.0.1 with the rate limit off and LOG_LEVEL warn, make the
//     fixtures (kiroku-fixtures.mjs) and report them; --count-statements counts SQL statements.
// Usage (from bench/reference/run.mjs): node kiroku.mjs --kiroku DIR --database URL [--prepare --media N --lists 1000,5000]
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { announce, announceFailure } from '../../lib/child-server.mjs'
import { countStatements } from '../../lib/count-statements.mjs'
import { option } from '../../lib/resolve.mjs'
import { catalogBatches } from '../catalog.mjs'
import { makeFixtures } from './kiroku-fixtures.mjs'

const argv = process.argv.slice(2)
const dir = path.resolve(option(argv, '--kiroku', process.cwd()))
const database = option(argv, '--database')
const dist = (file) => import(pathToFileURL(path.join(dir, 'dist', file)).href)

async function load() {
  const [{ buildServer }, { loadConfig }, { createUser }, { createClient }] = await Promise.all([
    dist('app/build-server.js'), dist('app/config.js'), dist('accounts/users.js'), dist('oauth/clients.js'),
  ])
  return { buildServer, loadConfig, createUser, createClient }
}

async function prepare(modules) {
  const media = Number(option(argv, '--media', 8000))
  const lists = option(argv, '--lists', '1000,5000').split(',').map(Number)
  const { writeAniListImport, parseAniListImport, readAniListImport } = await dist('people/import/anilist-import.js')
  const { refreshRankings } = await dist('lists/figures/rankings.js')
  const { saveEntry } = await dist('lists/save.js')
  // Older checkouts parse JSON text; newer ones also take the parsed document.
  const read = readAniListImport ?? ((document) => parseAniListImport(JSON.stringify(document)))
  const app = await modules.buildServer(config(modules))
  const { db, clock } = app.kiroku
  const started = Date.now()
  for (const batch of catalogBatches(media)) await writeAniListImport(db, clock, read(batch))
  await refreshRankings(db)
  const statuses = ['CURRENT', 'COMPLETED', 'PLANNING', 'DROPPED', 'PAUSED']
  for (const size of lists) {
    if (size > media) throw new Error(`a list of ${size} entries needs at least ${size} works (--media ${media})`)
    const user = await modules.createUser(db, clock, { name: `list${size}`, password: 'bench-password-1' })
    for (let mediaId = 1; mediaId <= size; mediaId++) {
      const status = statuses[mediaId % statuses.length]
      await saveEntry(db, clock, user.id, { mediaId, status, progress: status === 'COMPLETED' ? null : mediaId % 12, score: (mediaId % 10) + 1 })
    }
  }
  await app.close()
  process.send({ type: 'ready', url: null, fixtures: { seconds: (Date.now() - started) / 1000 } })
  process.disconnect()
}

function config({ loadConfig }) {
  return { ...loadConfig({ database, port: 0 }, { RATE_LIMIT_PER_MINUTE: '0' }), logLevel: 'warn' }
}

try {
  if (!database) throw new Error('--database is required')
  const statements = argv.includes('--count-statements') ? await countStatements(dir) : null
  const modules = await load()
  if (argv.includes('--prepare')) {
    await prepare(modules)
  } else {
    const app = await modules.buildServer(config(modules))
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const fixtures = await makeFixtures(modules, app, url)
    announce(url, fixtures, () => (statements ? { statements: statements() } : null))
    process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
  }
} catch (error) {
  announceFailure(error)
}
