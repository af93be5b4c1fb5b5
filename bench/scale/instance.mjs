// One Kiroku instance as a child process of run.mjs (forked with an IPC channel), so that its CPU is
// read from /proc apart from the load generator's. Configuration comes from the environment as for
// `kiroku serve` (DATABASE_URL, REDIS_URL, REDIS_PREFIX, RATE_LIMIT_PER_MINUTE, LOG_LEVEL); it listens
// on 127.0.0.1 on a port of the system's choosing and sends {type:'ready', url, pid}.
// SCALE_COUNT_STATEMENTS=1 wraps pg's Client.prototype.query (every statement Kysely or the migration
// runner sends, BEGIN and COMMIT included) and better-sqlite3's Statement run/get/all/iterate, so that
// the parent can ask for {type:'stats'} and get statements and requests served so far, requests in
// flight, and the PostgreSQL connections open and the most open at once since the last reset.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const counts = { statements: 0, requests: 0, inflight: 0, poolOpen: 0, poolPeak: 0 }

async function countStatements() {
  // The same module instances dist/storage/db.js imports: both resolve through this checkout's node_modules.
  const { default: pg } = await import('pg')
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function countedQuery(...args) {
    counts.statements++
    return query.apply(this, args)
  }
  // Connections this process holds to PostgreSQL (its pool's, max 10): opened by connect(), closed
  // when the client ends (the pool closes idle ones after 10 s).
  const connect = pg.Client.prototype.connect
  pg.Client.prototype.connect = function countedConnect(...args) {
    counts.poolPeak = Math.max(counts.poolPeak, ++counts.poolOpen)
    this.once('end', () => void counts.poolOpen--)
    return connect.apply(this, args)
  }
  const { default: SQLite } = await import('better-sqlite3')
  const probe = new SQLite(':memory:').prepare('SELECT 1')
  const Statement = Object.getPrototypeOf(probe)
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = Statement[method]
    Statement[method] = function countedStatement(...args) {
      counts.statements++
      return original.apply(this, args)
    }
  }
}

try {
  if (process.env.SCALE_COUNT_STATEMENTS === '1') await countStatements()
  const { buildServer } = await import(path.join(root, 'dist/app/build-server.js'))
  const { loadConfig } = await import(path.join(root, 'dist/app/config.js'))
  const app = await buildServer(loadConfig({ port: 0 }, process.env))
  // Counted on the Node server itself, ahead of Fastify: every request that reached this instance.
  // In flight: arrived and not yet answered (or abandoned), so that the parent can wait for requests
  // autocannon left running when it stopped before it takes the next reading.
  app.server.on('request', (req, res) => {
    counts.requests++
    counts.inflight++
    res.once('close', () => void counts.inflight--)
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  process.on('message', (message) => {
    if (message?.type !== 'stats') return
    process.send({ type: 'stats', ...counts })
    if (message.resetPeak) counts.poolPeak = counts.poolOpen
  })
  const stop = () => app.close().finally(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  process.send({ type: 'ready', url, pid: process.pid })
} catch (error) {
  process.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  process.exit(1)
}
